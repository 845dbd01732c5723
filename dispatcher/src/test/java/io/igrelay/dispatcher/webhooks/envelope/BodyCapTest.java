package io.igrelay.dispatcher.webhooks.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyCapTest {

    private static final int CAP = 256 * 1024;

    private static String envelope(JsonObject content) {
        return new JsonObject().put("eventType", "Message").put("eventId", "e-1").put("sequence", 42)
                .put("messageId", "m-1").put("from", "1784").put("content", content).encode();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void shouldLeaveABodyUnderTheCapUntouched() {
        String body = envelope(new JsonObject().put("type", "text").put("text", "hello"));
        BodyCap.Fitted fitted = BodyCap.fit(body, CAP);
        assertThat(fitted.body()).contains(body);
        assertThat(fitted.note()).isEmpty();
    }

    @Test
    void shouldLeaveABodyOfExactlyTheCapUntouched() {
        String shell = envelope(new JsonObject().put("type", "text").put("text", ""));
        String body = envelope(new JsonObject().put("type", "text").put("text", "a".repeat(CAP - bytes(shell))));
        assertThat(bytes(body)).isEqualTo(CAP);
        assertThat(BodyCap.fit(body, CAP).body()).contains(body);
    }

    @Test
    void shouldCutTheLongTextKeepTheEnvelopeAndSayWhy() {
        String body = envelope(new JsonObject().put("type", "text").put("text", "a".repeat(CAP + 10)));
        BodyCap.Fitted fitted = BodyCap.fit(body, CAP);
        JsonObject json = new JsonObject(fitted.body().orElseThrow());
        assertThat(bytes(fitted.body().get())).isLessThanOrEqualTo(CAP);
        assertThat(json.getString("eventId")).isEqualTo("e-1");
        assertThat(json.getLong("sequence")).isEqualTo(42);
        assertThat(json.getBoolean("truncated")).isTrue();
        assertThat(json.getInteger("originalSizeBytes")).isEqualTo(bytes(body));
        String text = json.getJsonObject("content").getString("text");
        assertThat(text).endsWith(BodyCap.TRUNCATION_MARK).startsWith("aaaa");
        assertThat(text.length()).isGreaterThan(CAP - 1024); // cut only as much as needed
        assertThat(fitted.note()).hasValueSatisfying(n -> assertThat(n).contains("content.text")
                .contains(Integer.toString(bytes(body))));
    }

    @Test
    void shouldCutEveryLongFieldWhenOneIsNotEnough() {
        String body = envelope(new JsonObject().put("type", "image").put("text", "t".repeat(CAP))
                .put("image", new JsonObject().put("url", "https://cdn/" + "u".repeat(CAP))));
        BodyCap.Fitted fitted = BodyCap.fit(body, CAP);
        assertThat(bytes(fitted.body().orElseThrow())).isLessThanOrEqualTo(CAP);
        assertThat(fitted.note()).hasValueSatisfying(n -> assertThat(n).contains("content.text")
                .contains("content.image.url"));
    }

    @Test
    void shouldNeverSplitAnEmojiAndStayValidUtf8() {
        String emoji = "\uD83D\uDE00"; // 4 UTF-8 bytes, 2 chars
        String body = envelope(new JsonObject().put("type", "text").put("text", emoji.repeat(CAP / 3)));
        String fitted = BodyCap.fit(body, CAP).body().orElseThrow();
        assertThat(bytes(fitted)).isLessThanOrEqualTo(CAP);
        String text = new JsonObject(fitted).getJsonObject("content").getString("text");
        String kept = text.substring(0, text.length() - BodyCap.TRUNCATION_MARK.length());
        assertThat(kept.replace(emoji, "")).isEmpty();
        assertThat(new String(fitted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(fitted);
    }

    @Test
    void shouldGiveTheSameBytesOnEveryAttempt() {
        String body = envelope(new JsonObject().put("type", "text").put("text", "z".repeat(2 * CAP)));
        assertThat(BodyCap.fit(body, CAP)).isEqualTo(BodyCap.fit(body, CAP));
    }

    @Test
    void shouldOmitContentWhenManySmallFieldsOverflow() {
        JsonObject content = new JsonObject().put("type", "text");
        for (int i = 0; i < 2000; i++) {
            content.put("f" + i, "v".repeat(200));
        }
        BodyCap.Fitted fitted = BodyCap.fit(envelope(content), CAP);
        JsonObject json = new JsonObject(fitted.body().orElseThrow());
        assertThat(json.getJsonObject("content")).isEqualTo(new JsonObject().put("type", "text").put("omitted", true));
        assertThat(fitted.note()).hasValueSatisfying(n -> assertThat(n).contains("omitted"));
    }

    @Test
    void shouldRefuseABodyThatCannotFitEvenWithoutContent() {
        String body = new JsonObject().put("eventType", "Message").put("messageId", "m".repeat(CAP + 1))
                .put("content", new JsonObject().put("type", "text").put("text", "hi")).encode();
        BodyCap.Fitted fitted = BodyCap.fit(body, CAP);
        assertThat(fitted.refused()).isTrue();
        assertThat(fitted.note()).hasValueSatisfying(n -> assertThat(n).contains("exceeds"));
    }
}
