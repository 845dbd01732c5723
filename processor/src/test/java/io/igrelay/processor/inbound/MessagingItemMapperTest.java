package io.igrelay.processor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.testing.MetaFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new inbound shapes, read from this module's fixtures (src/test/resources/meta/README.md names each page). */
class MessagingItemMapperTest {

    private static final String MID = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDYzOTIwMTg0NTI3OjM0MDI4"
            + "MjM2Njg0MTcxMDMwMTI0NDI1OTQzMDQ5OTk5NjY2ODg4NjozMDY4MTIxMjgzMDA2NDM1NjQ5MTQ3MTQxNjExNDI0MTgyMQZDZD";
    private final WebhookNormaliser normaliser = new WebhookNormaliser();

    private InstagramEvent only(String fixture) {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.resourceDelivery(fixture));
        assertThat(result.skippedItems()).isZero();
        assertThat(result.events()).hasSize(1);
        return result.events().get(0);
    }

    @Test
    void shouldKeepASharedPostWithUrlTitleAndMediaId() {
        InstagramEvent event = only("webhook-message-ig-post.json");
        assertThat(event.getKind()).isEqualTo(EventKind.MESSAGE);
        Attachment post = event.getAttachments().get(0);
        assertThat(post.getType()).isEqualTo("ig_post");
        assertThat(post.getUrl()).isEqualTo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18060000000000001");
        assertThat(post.getTitle()).isEqualTo("New arrivals are in");
        assertThat(post.getMediaId()).isEqualTo("18060000000000001");
        assertThat(post.getPayload()).containsEntry("ig_post_media_id", "18060000000000001")
                .containsEntry("title", "New arrivals are in").hasSize(3);
    }

    @Test
    void shouldKeepBothAttachmentsOfAPostShareDuringTheTransition() {
        List<Attachment> attachments = only("webhook-message-post-share-transition.json").getAttachments();
        assertThat(attachments).extracting(Attachment::getType).containsExactly("share", "ig_post");
        assertThat(attachments).extracting(Attachment::getMediaId).containsOnly("18139494541428835");
    }

    @Test
    void shouldReadASharedStoryUrlAndIdFromItsOwnFieldNames() {
        Attachment story = only("webhook-message-ig-story.json").getAttachments().get(0);
        assertThat(story.getType()).isEqualTo("ig_story");
        assertThat(story.getUrl()).endsWith("asset_id=17900000000000002");
        assertThat(story.getMediaId()).isEqualTo("17900000000000002");
        assertThat(story.getPayload()).containsKeys("story_media_url", "story_media_id");
    }

    @Test
    void shouldReadReelsUnderEitherTypeName() {
        Attachment igReel = only("webhook-message-ig-reel-full.json").getAttachments().get(0);
        assertThat(igReel.getType()).isEqualTo("ig_reel");
        assertThat(igReel.getMediaId()).isEqualTo("18070000000000003");
        assertThat(igReel.getTitle()).isEqualTo("Behind the scenes");
        Attachment reel = only("webhook-message-reel.json").getAttachments().get(0);
        assertThat(reel.getType()).isEqualTo("reel");
        assertThat(reel.getMediaId()).isEqualTo("18070000000000004");
        assertThat(reel.getTitle()).isEqualTo("Our studio tour");
    }

    @Test
    void shouldKeepEveryAttachmentOfAMessage() {
        InstagramEvent event = only("webhook-message-two-images.json");
        assertThat(event.getText()).isEqualTo("both colours?");
        assertThat(event.getAttachments()).extracting(Attachment::getUrl).containsExactly(
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1",
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2");
    }

    @Test
    void shouldReadAnEditAsAnEditedEventOfTheEarlierMid() {
        InstagramEvent event = only("webhook-message-edit.json");
        assertThat(event.getKind()).isEqualTo(EventKind.EDITED);
        assertThat(event.getMid()).isEqualTo(MID);
        assertThat(event.getText()).isEqualTo("Is the olive tote still in stock?");
        assertThat(event.getEdit().getEditCount()).isEqualTo(1);
        assertThat(event.getUnsupported()).isFalse();
    }

    @Test
    void shouldGiveAnEditAnIdOtherThanTheMessageItEdits() {
        InstagramEvent edit = only("webhook-message-edit.json");
        assertThat(edit.getEventId()).isNotEqualTo(EventIds.of(EventKind.MESSAGE, MID, "7309182736451928",
                edit.getTimestamp().toEpochMilli()));
    }

    @Test
    void shouldReadAnOptinWithItsTokenAndEveryField() {
        InstagramEvent event = only("webhook-messaging-optin.json");
        assertThat(event.getKind()).isEqualTo(EventKind.OPTIN);
        assertThat(event.getOptin().getType()).isEqualTo("notification_messages");
        assertThat(event.getOptin().getPayload()).isEqualTo("OPTIN_PAYLOAD");
        assertThat(event.getOptin().getToken()).isEqualTo("1234567890123456789");
        assertThat(event.getOptin().getFrequency()).isEqualTo("DAILY");
        assertThat(event.getOptin().getTokenExpiresAt()).isEqualTo(Instant.ofEpochMilli(1779453709567L));
        assertThat(event.getOptin().getStatus()).isEqualTo("NOT_REFRESHED");
        assertThat(event.getOptin().getFields()).containsEntry("notification_messages_timezone", "UTC");
    }

    @Test
    void shouldPreferTheNotificationStatusWhenTheUserStopsThem() {
        InstagramEvent event = only("webhook-messaging-optin-stop.json");
        assertThat(event.getOptin().getStatus()).isEqualTo("STOP NOTIFICATIONS");
        assertThat(event.getOptin().getTokenExpiresAt()).isNull();
    }

    @Test
    void shouldReadEachHandoverAction() {
        InstagramEvent pass = only("webhook-handover-pass.json");
        assertThat(pass.getKind()).isEqualTo(EventKind.HANDOVER);
        assertThat(pass.getHandover().getAction()).isEqualTo("pass_thread_control");
        assertThat(pass.getHandover().getNewOwnerAppId()).isEqualTo("200000000000002");
        assertThat(pass.getHandover().getPreviousOwnerAppId()).isEqualTo("263902037430900");
        assertThat(pass.getHandover().getMetadata()).isEqualTo("additional content");
        InstagramEvent take = only("webhook-handover-take.json");
        assertThat(take.getHandover().getAction()).isEqualTo("take_thread_control");
        assertThat(take.getHandover().getPreviousOwnerAppId()).isEqualTo("200000000000002");
        InstagramEvent request = only("webhook-handover-request.json");
        assertThat(request.getHandover().getAction()).isEqualTo("request_thread_control");
        assertThat(request.getHandover().getRequestedOwnerAppId()).isEqualTo("263902037430900");
        assertThat(only("webhook-handover-pass-idle.json").getHandover().getPreviousOwnerAppId()).isNull();
    }

    @Test
    void shouldMarkAnUnknownItemUnsupportedWithoutTheMetaFlag() {
        InstagramEvent event = only("webhook-unknown-item.json");
        assertThat(event.getKind()).isEqualTo(EventKind.UNSUPPORTED);
        assertThat(event.getUnsupported()).isFalse();
    }

    @Test
    void shouldWithholdTitlesPayloadsTokensAndHandoverMetadataForAnUnknownAccount() {
        InstagramEvent post = only("webhook-message-ig-post.json");
        ContentWithholding.withholdInPlace(post);
        assertThat(post.getAttachments()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo("ig_post");
            assertThat(a.getUrl()).isNull();
            assertThat(a.getTitle()).isNull();
            assertThat(a.getPayload()).isEmpty();
        });
        InstagramEvent optin = only("webhook-messaging-optin.json");
        ContentWithholding.withholdInPlace(optin);
        assertThat(optin.getOptin()).isNull();
        InstagramEvent pass = only("webhook-handover-pass.json");
        ContentWithholding.withholdInPlace(pass);
        assertThat(pass.getHandover().getMetadata()).isNull();
        assertThat(pass.getHandover().getNewOwnerAppId()).isEqualTo("200000000000002");
    }
}
