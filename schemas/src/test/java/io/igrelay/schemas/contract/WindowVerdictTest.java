package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import io.igrelay.schemas.contract.WindowVerdict.Decision;
import io.igrelay.schemas.contract.WindowVerdict.Request;
import io.igrelay.schemas.contract.WindowVerdict.Tier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowVerdictTest {

    private static final Instant USER_WROTE = Instant.parse("2026-12-01T10:00:00Z");
    private static final Request AUTOMATED = new Request(false, false, true);
    private static final Request HUMAN = new Request(false, true, true);

    private static ConversationWindow window(Instant closedByMeta) {
        return ConversationWindow.newBuilder().setIgsid("42").setIgAccountId("acct").setChannelId("ch")
                .setLastUserActionAt(USER_WROTE).setOpenedBy(WindowTrigger.MESSAGE)
                .setResponseUntil(USER_WROTE.plus(Duration.ofHours(24)))
                .setHumanAgentUntil(USER_WROTE.plus(Duration.ofDays(7))).setState(WindowState.OPEN)
                .setClosedByMetaAt(closedByMeta).setUpdatedAt(USER_WROTE).build();
    }

    private static Decision at(Duration afterUserWrote, Request request, boolean humanAgentEnabled) {
        return WindowVerdict.decide(window(null), true, true, request, humanAgentEnabled,
                USER_WROTE.plus(afterUserWrote));
    }

    @Test
    void shouldAnswerResponseStrictlyInsideTheStandardWindow() {
        assertThat(at(Duration.ofHours(24).minusMillis(1), AUTOMATED, false).tier()).isEqualTo(Tier.RESPONSE);
        assertThat(at(Duration.ofHours(24), AUTOMATED, true).errorCode()).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldAllowHumanAgentOnlyWhenDeploymentApplicationAndAuthorAllAgree() {
        Duration day2 = Duration.ofDays(2);
        assertThat(at(day2, HUMAN, true).tier()).isEqualTo(Tier.HUMAN_AGENT);
        assertThat(at(day2, HUMAN, false).reason()).contains("human agent disabled");
        assertThat(at(day2, new Request(false, true, false), true).reason()).contains("may not send");
        assertThat(at(day2, AUTOMATED, true).reason()).contains("humanAgent: true");
        assertThat(at(day2, new Request(true, true, true), true).reason()).contains("sender actions");
        assertThat(at(Duration.ofDays(7), HUMAN, true).errorCode()).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldAnswerNoConversationWithoutContactOrForAnotherAccount() {
        Instant now = USER_WROTE.plusSeconds(5);
        assertThat(WindowVerdict.decide(null, false, false, AUTOMATED, true, now).errorCode())
                .isEqualTo("NO_CONVERSATION");
        assertThat(WindowVerdict.decide(window(null), false, true, AUTOMATED, true, now).errorCode())
                .isEqualTo("NO_CONVERSATION");
        assertThat(WindowVerdict.decide(window(null), true, false, AUTOMATED, true, now).errorCode())
                .isEqualTo("NO_CONVERSATION");
    }

    @Test
    void shouldLetMetaWinAfterItClosedTheWindow() {
        Decision decision = WindowVerdict.decide(window(USER_WROTE.plusSeconds(60)), true, true, AUTOMATED, true,
                USER_WROTE.plusSeconds(120));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("Meta closed");
    }
}
