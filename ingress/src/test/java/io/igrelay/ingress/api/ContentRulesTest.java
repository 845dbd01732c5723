package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules the schema cannot state: UTF-8 byte limits (emoji are 4 bytes), one content kind, 13 list rows. */
class ContentRulesTest {

    private static JsonObject request(JsonObject content) {
        return new JsonObject().put("from", "acme").put("to", "1").put("content", content);
    }

    @ParameterizedTest(name = "{0} emoji + {1} ASCII = {2} bytes → allowed {3}")
    @CsvSource({"249, 3, 999, true", "250, 0, 1000, true", "250, 1, 1001, false", "0, 1000, 1000, true",
            "0, 1001, 1001, false"})
    void shouldCountTextInUtf8Bytes(int emoji, int ascii, int bytes, boolean allowed) {
        String text = "😀".repeat(emoji) + "a".repeat(ascii);
        assertThat(ContentRules.utf8Bytes(text)).isEqualTo(bytes);

        var error = ContentRules.check(request(new JsonObject().put("text", text)));

        assertThat(error.isEmpty()).isEqualTo(allowed);
        error.ifPresent(e -> {
            assertThat(e.code()).isEqualTo(HubErrorCode.TEXT_TOO_LONG);
            assertThat(e.getMessage()).isEqualTo("content.text: " + bytes + " UTF-8 bytes, at most 1000 allowed");
        });
    }

    @Test
    void shouldCountACaptionLikeAText() {
        var error = ContentRules.check(request(new JsonObject().put("imageUrl", "https://i/1.jpg")
                .put("text", "é".repeat(501))));

        assertThat(error).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(HubErrorCode.TEXT_TOO_LONG));
    }

    @Test
    void shouldAllowAnImageWithItsCaptionButNotTwoKinds() {
        assertThat(ContentRules.check(request(new JsonObject().put("imageUrl", "https://i/1.jpg").put("text", "c"))))
                .isEmpty();
        assertThat(ContentRules.check(request(new JsonObject().put("typing", "on").put("markAsSeen", true))))
                .hasValueSatisfying(e -> assertThat(e.getMessage())
                        .isEqualTo("content: exactly one content kind is allowed, got markAsSeen, typing"));
    }

    @Test
    void shouldLimitInteractiveBodyTextInBytes() {
        JsonObject interactive = new JsonObject().put("type", "button")
                .put("body", new JsonObject().put("text", "😀".repeat(251)))
                .put("action", new JsonObject());

        assertThat(ContentRules.check(request(new JsonObject().put("interactive", interactive))))
                .hasValueSatisfying(e -> assertThat(e.getMessage()).startsWith("content.interactive.body.text:"));
    }
}
