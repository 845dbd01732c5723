package io.igrelay.processor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Comment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.windows.WindowTriggers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** comments and live_comments changes, read from this module's fixtures (src/test/resources/meta/README.md). */
class CommentChangeMapperTest {

    private static final String AUTHOR = "7309182736451928";
    private final WebhookNormaliser normaliser = new WebhookNormaliser();

    private InstagramEvent only(String fixture) {
        return only(MetaFixtures.resource(fixture));
    }

    private InstagramEvent only(byte[] body) {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d", body));
        assertThat(result.skippedItems()).isZero();
        assertThat(result.events()).hasSize(1);
        return result.events().get(0);
    }

    private static byte[] replaced(String fixture, String from, String to) {
        String body = new String(MetaFixtures.resource(fixture), StandardCharsets.UTF_8);
        assertThat(body).contains(from);
        return body.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadACommentAsACommentEventOfItsAuthor() {
        InstagramEvent event = only("webhook-comment.json");
        assertThat(event.getKind()).isEqualTo(EventKind.COMMENT);
        assertThat(event.getIgAccountId()).isEqualTo("17841463920184527");
        assertThat(event.getIgsid()).isEqualTo(AUTHOR);
        assertThat(event.getText()).isEqualTo("price?");
        assertThat(event.getMid()).isNull();
        assertThat(event.getTest()).isFalse();
        assertThat(event.getTimestamp()).isEqualTo(Instant.ofEpochSecond(1763899195));
        Comment comment = event.getComment();
        assertThat(comment.getCommentId()).isEqualTo("17919697626119712");
        assertThat(comment.getParentId()).isNull();
        assertThat(comment.getMediaId()).isEqualTo("18060000000000001");
        assertThat(comment.getMediaProductType()).isEqualTo("FEED");
        assertThat(comment.getAuthorUsername()).isEqualTo("olive.and.thread");
        assertThat(comment.getLive()).isFalse();
    }

    @Test
    void shouldKeepTheParentOfAReplyInAThread() {
        Comment comment = only("webhook-comment-reply.json").getComment();
        assertThat(comment.getParentId()).isEqualTo("17919697626119700");
        assertThat(comment.getMediaProductType()).isEqualTo("REELS");
    }

    @Test
    void shouldMarkALiveCommentAsLive() {
        InstagramEvent event = only("webhook-live-comment.json");
        assertThat(event.getKind()).isEqualTo(EventKind.COMMENT);
        assertThat(event.getComment().getLive()).isTrue();
        assertThat(event.getText()).isEqualTo("hello from Lyon");
    }

    @Test
    void shouldIdentifyACommentByItsIdAloneWhateverTheEntryTime() {
        InstagramEvent first = only("webhook-comment.json");
        InstagramEvent resent = only(replaced("webhook-comment.json", "1763899195", "1763899255"));
        InstagramEvent other = only(replaced("webhook-comment.json", "17919697626119712", "17919697626119799"));
        assertThat(resent.getTimestamp()).isNotEqualTo(first.getTimestamp());
        assertThat(resent.getEventId()).isEqualTo(first.getEventId())
                .isEqualTo(EventIds.ofComment("17919697626119712"));
        assertThat(other.getEventId()).isNotEqualTo(first.getEventId());
    }

    @Test
    void shouldNeverOpenTheMessagingWindow() {
        assertThat(WindowTriggers.of(only("webhook-comment.json"))).isEmpty();
        assertThat(WindowTriggers.of(only("webhook-live-comment.json"))).isEmpty();
    }

    @Test
    void shouldTakeTheReceiveTimeWhenTheEntryHasNoTime() {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                replaced("webhook-comment.json", "\"time\": 1763899195,", ""), Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(result.events().get(0).getTimestamp()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void shouldCountACommentWithoutAuthorAsUnreadable() {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                replaced("webhook-comment.json", "\"id\": \"7309182736451928\",", "")));
        assertThat(result.events()).isEmpty();
        assertThat(result.skippedItems()).isEqualTo(1);
    }

    @Test
    void shouldLeaveChangesOfOtherFieldsOut() {
        WebhookNormaliser.Normalised result = normaliser.normalise(MetaFixtures.delivery("d",
                replaced("webhook-comment.json", "\"comments\"", "\"mentions\"")));
        assertThat(result.events()).isEmpty();
        assertThat(result.skippedItems()).isZero();
    }

    @Test
    void shouldWithholdCommentTextAndUsernameButKeepItsIds() {
        InstagramEvent event = only("webhook-comment-reply.json");
        ContentWithholding.withholdInPlace(event);
        assertThat(event.getMetadataOnly()).isTrue();
        assertThat(event.getText()).isNull();
        assertThat(event.getComment().getAuthorUsername()).isNull();
        assertThat(event.getComment().getCommentId()).isEqualTo("17919697626119713");
        assertThat(event.getComment().getParentId()).isEqualTo("17919697626119700");
        assertThat(event.getComment().getMediaId()).isEqualTo("18070000000000003");
    }
}
