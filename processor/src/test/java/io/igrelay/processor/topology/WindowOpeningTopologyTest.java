package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which items open the window, through the whole inbound topology: an un-react, an edit, an opt-in, a handover and
 * an item of an unknown kind open nothing (each still reaches ig.events as its own kind); a message Meta flags
 * is_unsupported does; the HUMAN_AGENT deadline follows the last message only.
 */
class WindowOpeningTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(true, T0);
        harness.connectChannel(T0.minusSeconds(3600));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void deliver(String id, String item, Instant at) {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery(id, Webhooks.delivery(List.of(item))),
                at);
    }

    @Test
    void shouldOpenNothingOnUnreactEditOptinHandoverOrAnUnknownItem() {
        deliver("u", Webhooks.reaction(IGSID, "m-business", T0, "unreact"), T0);
        deliver("e", Webhooks.edit(IGSID, "m-user", T0.plusSeconds(1), "fixed typo"), T0.plusSeconds(1));
        deliver("o", Webhooks.optin(IGSID, T0.plusSeconds(2)), T0.plusSeconds(2));
        for (String action : List.of("pass_thread_control", "take_thread_control", "request_thread_control")) {
            deliver("h-" + action, Webhooks.handover(IGSID, T0.plusSeconds(3), action), T0.plusSeconds(3));
        }
        deliver("x", Webhooks.userItem(IGSID, T0.plusSeconds(4), "\"app_roles\":{\"1\":[\"primary_receiver\"]}"),
                T0.plusSeconds(4));
        assertThat(harness.events.readValuesToList()).extracting(InstagramEvent::getKind).containsExactly(
                EventKind.REACTION, EventKind.EDITED, EventKind.OPTIN, EventKind.HANDOVER, EventKind.HANDOVER,
                EventKind.HANDOVER, EventKind.UNSUPPORTED);
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldNotExtendAnOpenWindowOnAnEditOfItsMessage() {
        deliver("m", Webhooks.message(IGSID, "m-user", T0, "hi"), T0);
        assertThat(harness.windows.readValue().getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        deliver("e", Webhooks.edit(IGSID, "m-user", T0.plus(Duration.ofHours(5)), "hi there"),
                T0.plus(Duration.ofHours(5)));
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldOpenTheWindowOnAMessageMetaFlagsUnsupported() {
        deliver("u", Webhooks.userItem(IGSID, T0, "\"message\":{\"mid\":\"m-u\",\"is_unsupported\":true}"), T0);
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getState()).isEqualTo(WindowState.OPEN);
        assertThat(window.getHumanAgentUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void shouldOpenOnlyTheStandardWindowOnAReactionOrPostback() {
        deliver("r", Webhooks.reaction(IGSID, "m-business", T0, "react"), T0);
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getOpenedBy()).isEqualTo(WindowTrigger.REACTION);
        assertThat(window.getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(window.getHumanAgentUntil()).as("no HUMAN_AGENT tier without a message").isEqualTo(T0);
        harness.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(harness.windows.readValue().getState()).isEqualTo(WindowState.CLOSED);
    }

    @Test
    void shouldKeepTheHumanAgentDeadlineOfTheLastMessageWhenAReactionComesLater() {
        deliver("m", Webhooks.message(IGSID, "m-user", T0, "hi"), T0);
        harness.windows.readValuesToList();
        Instant day3 = T0.plus(Duration.ofDays(3));
        deliver("p", Webhooks.postback(IGSID, "m-pb", day3), day3);
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getResponseUntil()).isEqualTo(day3.plus(Duration.ofHours(24)));
        assertThat(window.getHumanAgentUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(window.getLastUserActionAt()).isEqualTo(day3);
    }

    @Test
    void shouldCountASharedPostAsAShare() {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.resourceDelivery("webhook-message-ig-post.json"),
                Instant.ofEpochMilli(1763901709567L));
        assertThat(harness.windows.readValue().getOpenedBy()).isEqualTo(WindowTrigger.SHARE);
    }
}
