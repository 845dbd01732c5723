package io.igrelay.dispatcher.webhooks.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueuedEventTest {

    private static QueuedEvent queued(String envelope) {
        return new QueuedEvent("e-1", QueuedEvent.MESSAGE, "app-1", "ch-1", "1784", "m-1", null,
                Instant.parse("2026-12-07T10:00:00Z"), envelope);
    }

    private static String envelope(JsonObject content) {
        return new JsonObject().put("eventType", "Message").put("eventId", "e-1").put("messageId", "m-1")
                .put("content", content).encode();
    }

    @Test
    void shouldAppendTheSequenceToTheEnvelopeText() {
        String envelope = envelope(new JsonObject().put("type", "text").put("text", "hé \"quoted\" \\ /"));
        String body = queued(envelope).body(42, false);
        assertThat(body).isEqualTo(envelope.substring(0, envelope.length() - 1) + ",\"sequence\":42}");
        assertThat(new JsonObject(body)).isEqualTo(new JsonObject(envelope).put("sequence", 42));
    }

    @Test
    void shouldAddTheTestFlagAfterTheSequence() {
        String body = queued(envelope(new JsonObject().put("type", "text"))).body(7, true);
        assertThat(body).endsWith(",\"sequence\":7,\"test\":true}");
        assertThat(new JsonObject(body).getBoolean("test")).isTrue();
    }

    @Test
    void shouldGiveTheSameMembersAsParsingWouldForTextThatMentionsASequence() {
        // the customer's text names the key, escaped inside a string: still appended, still one sequence
        String envelope = envelope(new JsonObject().put("type", "text").put("text", "\"sequence\":1"));
        JsonObject body = new JsonObject(queued(envelope).body(3, false));
        assertThat(body.getLong("sequence")).isEqualTo(3);
        assertThat(body.getJsonObject("content").getString("text")).isEqualTo("\"sequence\":1");
    }

    @Test
    void shouldReplaceASequenceTheEnvelopeAlreadyHas() {
        String envelope = new JsonObject().put("eventId", "e-1").put("sequence", 1).encode();
        String body = queued(envelope).body(9, false);
        assertThat(new JsonObject(body).getLong("sequence")).isEqualTo(9);
        assertThat(body.indexOf("\"sequence\"")).isEqualTo(body.lastIndexOf("\"sequence\""));
    }

    @Test
    void shouldHandleAnEmptyObjectAndTrailingSpace() {
        assertThat(queued("{ } \n").body(1, false)).isEqualTo("{\"sequence\":1}");
    }
}
