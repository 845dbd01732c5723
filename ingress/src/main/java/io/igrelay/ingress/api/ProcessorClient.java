package io.igrelay.ingress.api;

import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.contract.WindowVerdict;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The processor's interactive queries as the hub API uses them: {@code GET /windows/{igsid}} with a send's flags for
 * the gate's own verdict, {@code GET /status/{messageId}} for the status endpoint and
 * {@code GET /comments/{igsid}/{commentId}} for the private-reply rule. Every answer is a value: a processor that
 * times out, refuses or answers garbage is {@code Unavailable}, never an exception, so callers decide what it means.
 */
public final class ProcessorClient {

    /** What the window query said. */
    public sealed interface WindowLookup {
        /** The window, and the processor's verdict for the send's flags: empty when allowed, else the refusal. */
        record Found(Optional<String> channelId, String state, Optional<Refusal> refusal) implements WindowLookup {
        }

        record NeverContacted() implements WindowLookup {
        }

        record Unavailable(String reason) implements WindowLookup {
        }
    }

    /** The gate's reason to refuse a send: NO_CONVERSATION or WINDOW_CLOSED, with the gate's own message. */
    public record Refusal(String errorCode, String message) {
    }

    /** What the status query said; {@code Found} carries the processor's JSON (with applicationId). */
    public sealed interface StatusLookup {
        record Found(JsonObject status) implements StatusLookup {
        }

        record NotFound() implements StatusLookup {
        }

        record Unavailable(String reason) implements StatusLookup {
        }
    }

    /** What the comment query said: the comment's account and the private-reply rule's verdict for it now. */
    public sealed interface CommentLookup {
        record Found(String igAccountId, Optional<Refusal> privateReplyRefusal) implements CommentLookup {
        }

        record NotFound() implements CommentLookup {
        }

        record Unavailable(String reason) implements CommentLookup {
        }
    }

    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMillis;

    public ProcessorClient(WebClient client, URI processorUrl, Duration timeout) {
        this.client = client;
        String base = processorUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeoutMillis = timeout.toMillis();
    }

    /** The window only (no send in view): its verdict, if any, is not asked for. */
    public Future<WindowLookup> window(String igsid) {
        return window(igsid, "");
    }

    /** The window and the processor's verdict for a send with these flags (the gate's rule, applied once). */
    public Future<WindowLookup> window(String igsid, WindowVerdict.Request send) {
        return window(igsid, "?senderAction=" + send.senderAction() + "&humanAgent=" + send.humanAuthored()
                + "&humanAgentAllowed=" + send.applicationAllowsHumanAgent());
    }

    private Future<WindowLookup> window(String igsid, String query) {
        return get("/windows/" + igsid + query).map(response -> switch (response.statusCode()) {
            case 200 -> {
                JsonObject json = response.bodyAsJsonObject();
                JsonObject verdict = json.getJsonObject("verdict");
                Optional<Refusal> refusal = verdict == null || verdict.getBoolean("allowed", true) ? Optional.empty()
                        : Optional.of(new Refusal(verdict.getString("errorCode", HubErrorCode.WINDOW_CLOSED.name()),
                                verdict.getString("errorMessage", "the messaging window is closed")));
                yield (WindowLookup) new WindowLookup.Found(Optional.ofNullable(json.getString("channelId")),
                        json.getString("state", "CLOSED"), refusal);
            }
            case 404 -> new WindowLookup.NeverContacted();
            default -> new WindowLookup.Unavailable("HTTP " + response.statusCode());
        }).otherwise(e -> new WindowLookup.Unavailable(e.getClass().getSimpleName()));
    }

    public Future<StatusLookup> status(String messageId) {
        return get("/status/" + messageId).map(response -> switch (response.statusCode()) {
            case 200 -> (StatusLookup) new StatusLookup.Found(response.bodyAsJsonObject());
            case 404 -> new StatusLookup.NotFound();
            default -> new StatusLookup.Unavailable("HTTP " + response.statusCode());
        }).otherwise(e -> new StatusLookup.Unavailable(e.getClass().getSimpleName()));
    }

    /** The comment as the gate knows it (on its author's partition), with the private-reply verdict. */
    public Future<CommentLookup> comment(String igsid, String commentId) {
        return get("/comments/" + igsid + "/" + commentId).map(response -> switch (response.statusCode()) {
            case 200 -> {
                JsonObject json = response.bodyAsJsonObject();
                JsonObject verdict = json.getJsonObject("privateReply", new JsonObject());
                Optional<Refusal> refusal = verdict.getBoolean("allowed", true) ? Optional.empty()
                        : Optional.of(new Refusal(verdict.getString("errorCode"), verdict.getString("errorMessage")));
                yield (CommentLookup) new CommentLookup.Found(json.getString("igAccountId"), refusal);
            }
            case 404 -> new CommentLookup.NotFound();
            default -> new CommentLookup.Unavailable("HTTP " + response.statusCode());
        }).otherwise(e -> new CommentLookup.Unavailable(e.getClass().getSimpleName()));
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return client.getAbs(baseUrl + path).putHeader("accept", "application/json").timeout(timeoutMillis).send();
    }
}
