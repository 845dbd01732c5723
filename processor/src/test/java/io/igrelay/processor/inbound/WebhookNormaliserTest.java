package io.igrelay.processor.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.testing.MetaFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookNormaliserTest {

    private static final String ACCOUNT_A = "17841463920184527";
    private final WebhookNormaliser normaliser = new WebhookNormaliser();

    static List<String> webhookFixtures() {
        return MetaFixtures.webhookFiles();
    }

    private InstagramEvent only(String fixture) {
        List<InstagramEvent> events = normaliser.normalise(MetaFixtures.fixtureDelivery(fixture)).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void shouldFindEveryWebhookFixture() {
        assertThat(webhookFixtures()).hasSizeGreaterThanOrEqualTo(24);
    }

    @ParameterizedTest
    @MethodSource("webhookFixtures")
    void shouldReadEveryFixtureWithoutSkippingAnItem(String fixture) {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.fixtureDelivery(fixture));
        assertThat(result.events()).isNotEmpty();
        assertThat(result.skippedItems()).isZero();
        assertThat(result.events()).allSatisfy(e -> {
            assertThat(e.getEventId()).isNotBlank();
            assertThat(e.getIgsid()).isNotBlank();
            assertThat(e.getDeliveryId()).isEqualTo("delivery-" + fixture);
        });
    }

    @Test
    void shouldReadTextMessageKeyedBySender() {
        InstagramEvent event = only("webhook-message-text.json");
        assertThat(event.getKind()).isEqualTo(EventKind.MESSAGE);
        assertThat(event.getIgAccountId()).isEqualTo(ACCOUNT_A);
        assertThat(event.getIgsid()).isEqualTo("7309182736451928");
        assertThat(event.getText()).isNotBlank();
        assertThat(event.getMid()).isNotBlank();
    }

    @Test
    void shouldDecodeUnicodeEscapes() {
        assertThat(only("webhook-message-text-unicode.json").getText()).contains("ä", "ö", "å", "😊");
    }

    @Test
    void shouldKeepAttachmentTypeAndUrlForEveryMediaKind() {
        for (String kind : List.of("image", "video", "audio", "file", "share", "story-mention", "ig-reel")) {
            InstagramEvent event = only("webhook-message-" + kind + ".json");
            assertThat(event.getAttachments()).singleElement().satisfies(a -> {
                assertThat(a.getType()).isEqualTo(kind.replace('-', '_'));
                assertThat(a.getUrl()).startsWith("https://");
            });
        }
    }

    @Test
    void shouldKeepEphemeralAttachmentWithoutUrl() {
        assertThat(only("webhook-message-ephemeral.json").getAttachments()).singleElement()
                .satisfies(a -> {
                    assertThat(a.getType()).isEqualTo("ephemeral");
                    assertThat(a.getUrl()).isNull();
                });
    }

    @Test
    void shouldReadStoryReplyAndInlineReply() {
        InstagramEvent story = only("webhook-message-story-reply.json");
        assertThat(story.getReplyTo().getStoryId()).isNotBlank();
        assertThat(story.getReplyTo().getStoryUrl()).startsWith("https://");
        InstagramEvent inline = only("webhook-message-reply-to.json");
        assertThat(inline.getReplyTo().getMid()).isEqualTo(only("webhook-echo.json").getMid());
    }

    @Test
    void shouldReadQuickReplyPayloadAndAdReferral() {
        assertThat(only("webhook-message-quick-reply.json").getQuickReplyPayload()).isEqualTo("DELIVERY_PICKUP");
        InstagramEvent ad = only("webhook-message-referral-ad.json");
        assertThat(ad.getKind()).isEqualTo(EventKind.MESSAGE);
        assertThat(ad.getReferral().getSource()).isEqualTo("ADS");
        assertThat(ad.getReferral().getAdId()).isEqualTo("120225479474784345");
        assertThat(ad.getReferral().getAdsContext()).containsKey("photo_url");
    }

    @Test
    void shouldKeyEchoByRecipient() {
        InstagramEvent echo = only("webhook-echo.json");
        assertThat(echo.getKind()).isEqualTo(EventKind.ECHO);
        assertThat(echo.getIgsid()).isEqualTo("7309182736451928");
    }

    @Test
    void shouldReadReactionsPostbackSeenReferralDeletedAndUnsupported() {
        InstagramEvent react = only("webhook-reaction-react.json");
        assertThat(react.getKind()).isEqualTo(EventKind.REACTION);
        assertThat(react.getReaction().getAction()).isEqualTo("react");
        assertThat(react.getReaction().getEmoji()).isNotBlank();
        InstagramEvent unreact = only("webhook-reaction-unreact.json");
        assertThat(unreact.getReaction().getAction()).isEqualTo("unreact");
        assertThat(unreact.getReaction().getEmoji()).isNull();
        assertThat(only("webhook-postback.json").getPostback().getPayload()).isEqualTo("RESERVE_TOTE_OLIVE");
        assertThat(only("webhook-seen.json").getKind()).isEqualTo(EventKind.SEEN);
        InstagramEvent igme = only("webhook-referral-igme.json");
        assertThat(igme.getKind()).isEqualTo(EventKind.REFERRAL);
        assertThat(igme.getReferral().getRef()).isEqualTo("popup_stockholm_dec");
        InstagramEvent deleted = only("webhook-message-deleted.json");
        assertThat(deleted.getKind()).isEqualTo(EventKind.DELETED);
        assertThat(deleted.getMid()).isEqualTo(only("webhook-message-text.json").getMid());
        InstagramEvent unsupported = only("webhook-message-unsupported.json");
        assertThat(unsupported.getKind()).isEqualTo(EventKind.UNSUPPORTED);
        assertThat(unsupported.getUnsupported()).isTrue();
    }

    @Test
    void shouldTagStandbyItems() {
        InstagramEvent event = only("webhook-standby.json");
        assertThat(event.getStandby()).isTrue();
        assertThat(event.getKind()).isEqualTo(EventKind.MESSAGE);
    }

    @Test
    void shouldTagDashboardTestFormAndReadItsTimestampInSeconds() {
        InstagramEvent event = only("webhook-dashboard-test-changes.json");
        assertThat(event.getTest()).isTrue();
        assertThat(event.getIgsid()).isEqualTo("12334");
        assertThat(event.getTimestamp().getEpochSecond()).isEqualTo(1527459824L);
    }

    @Test
    void shouldEmitBatchedItemsOfSeveralAccountsInTimestampOrder() {
        List<InstagramEvent> events = normaliser.normalise(MetaFixtures.fixtureDelivery("webhook-batched.json"))
                .events();
        assertThat(events).hasSize(5);
        assertThat(events).extracting(e -> e.getTimestamp().toEpochMilli()).isSorted();
        assertThat(events).extracting(InstagramEvent::getIgAccountId).contains(ACCOUNT_A, "17841407715263948");
    }

    @Test
    void shouldGiveARedeliveryTheSameEventIds() {
        List<String> first = normaliser.normalise(MetaFixtures.fixtureDelivery("webhook-batched.json")).events()
                .stream().map(InstagramEvent::getEventId).toList();
        List<String> again = normaliser.normalise(MetaFixtures.delivery("other",
                MetaFixtures.bytes("webhook-batched.json"))).events().stream().map(InstagramEvent::getEventId).toList();
        assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseBodiesThatAreNotInstagramWebhooks() {
        for (String body : List.of("not json", "[]", "{\"object\":\"page\",\"entry\":[]}", "{\"object\":\"instagram\"}")) {
            assertThatThrownBy(() -> normaliser.normalise(MetaFixtures.delivery("bad",
                    body.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(MalformedWebhookException.class);
        }
    }

    @Test
    void shouldCountUnreadableItemsAndKeepTheRest() {
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"2\"}},"
                + "{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1763901414567,"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"hi\"}}]}]}";
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.skippedItems()).isEqualTo(1);
        assertThat(result.events()).hasSize(1);
    }

    @Test
    void shouldCutTheTextOfAnItemTooLargeToBeAnEventAndKeepItsNeighboursWhole() {
        String huge = "wh#7# " + "x".repeat(ItemSizeLimit.MAX_ITEM_CHARS);
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":["
                + "{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1763901414567,"
                + "\"message\":{\"mid\":\"big\",\"text\":\"" + huge + "\"}},"
                + "{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1763901414568,"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"hi\"}}]}]}";
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.skippedItems()).isZero();
        assertThat(result.truncatedItems()).isEqualTo(1);
        assertThat(result.events()).extracting(e -> e.getMid()).containsExactly("big", "m1");
        String cut = result.events().get(0).getText().toString();
        assertThat(cut).hasSize(ItemSizeLimit.MAX_FIELD_CHARS).startsWith("wh#7# ").endsWith(ItemSizeLimit.MARK);
        assertThat(result.events().get(1).getText().toString()).isEqualTo("hi");
    }

    @Test
    void shouldLeaveEveryItemOfAnOrdinaryDeliveryAsItIs() {
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":["
                + "{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1763901414567,"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"" + "y".repeat(ItemSizeLimit.MAX_FIELD_CHARS + 10)
                + "\"}}]}]}";
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.truncatedItems()).isZero();
        assertThat(result.events().get(0).getText().toString()).hasSize(ItemSizeLimit.MAX_FIELD_CHARS + 10);
    }
}
