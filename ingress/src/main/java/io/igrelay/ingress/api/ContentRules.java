package io.igrelay.ingress.api;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the OpenAPI schema cannot say about a send request: exactly one content kind (images may carry their caption
 * in {@code text}), texts of at most 1000 UTF-8 bytes (an emoji is 4), at most 13 list rows across all sections,
 * and a quote reply ({@code replyTo}) only on a message, never on a sender action. Runs after the schema
 * validation, as a handler that calls {@code next()}.
 */
public final class ContentRules {

    static final int MAX_TEXT_BYTES = 1000;
    static final int MAX_LIST_ROWS = 13;
    private static final Set<String> SENDER_ACTIONS = Set.of("typing", "markAsSeen", "reaction");

    public void handle(RoutingContext ctx) {
        Optional<ApiError> error = check(ctx.body().asJsonObject());
        if (error.isPresent()) {
            ctx.fail(error.get());
        } else {
            ctx.next();
        }
    }

    /** The first rule the request breaks, if any; the request already passed the schema. */
    public static Optional<ApiError> check(JsonObject request) {
        JsonObject content = request.getJsonObject("content");
        List<String> kinds = new ArrayList<>(content.fieldNames());
        if (content.containsKey("imageUrl") || content.containsKey("imageUrls")) {
            kinds.remove("text");
        }
        if (kinds.size() != 1) {
            return Optional.of(ApiError.invalid("content: exactly one content kind is allowed, got "
                    + String.join(", ", kinds.stream().sorted().toList())));
        }
        if (request.containsKey("replyTo") && SENDER_ACTIONS.contains(kinds.get(0))) {
            return Optional.of(ApiError.invalid("replyTo: a quote reply needs a message, not " + kinds.get(0)));
        }
        Optional<ApiError> text = tooLong("content.text", content.getString("text"));
        if (text.isPresent()) {
            return text;
        }
        JsonObject interactive = content.getJsonObject("interactive");
        if (interactive != null) {
            Optional<ApiError> body = tooLong("content.interactive.body.text",
                    interactive.getJsonObject("body").getString("text"));
            if (body.isPresent()) {
                return body;
            }
            if ("list".equals(interactive.getString("type"))) {
                int rows = 0;
                for (Object section : interactive.getJsonObject("action").getJsonArray("sections", new JsonArray())) {
                    rows += ((JsonObject) section).getJsonArray("rows", new JsonArray()).size();
                }
                if (rows > MAX_LIST_ROWS) {
                    return Optional.of(ApiError.invalid("content.interactive.action.sections: " + rows
                            + " rows in total, at most " + MAX_LIST_ROWS + " allowed"));
                }
            }
        }
        return Optional.empty();
    }

    static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Optional<ApiError> tooLong(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        int bytes = utf8Bytes(text);
        return bytes > MAX_TEXT_BYTES
                ? Optional.of(new ApiError(400, HubErrorCode.TEXT_TOO_LONG,
                        field + ": " + bytes + " UTF-8 bytes, at most " + MAX_TEXT_BYTES + " allowed"))
                : Optional.empty();
    }
}
