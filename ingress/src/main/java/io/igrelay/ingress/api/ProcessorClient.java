package io.igrelay.ingress.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The processor's interactive queries (SPEC 5.4) as the hub API uses them: {@code GET /windows/{igsid}} for the fast
 * window check and {@code GET /status/{messageId}} for the status endpoint. Every answer is a value: a processor that
 * times out, refuses or answers garbage is {@code Unavailable}, never an exception, so callers decide what it means.
 */
public final class ProcessorClient {

    /** What the window query said. */
    public sealed interface WindowLookup {
        record Found(Optional<String> channelId, String state) implements WindowLookup {
        }

        record NeverContacted() implements WindowLookup {
        }

        record Unavailable(String reason) implements WindowLookup {
        }
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

    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMillis;

    public ProcessorClient(WebClient client, URI processorUrl, Duration timeout) {
        this.client = client;
        String base = processorUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeoutMillis = timeout.toMillis();
    }

    public Future<WindowLookup> window(String igsid) {
        return get("/windows/" + igsid).map(response -> switch (response.statusCode()) {
            case 200 -> {
                JsonObject json = response.bodyAsJsonObject();
                yield (WindowLookup) new WindowLookup.Found(Optional.ofNullable(json.getString("channelId")),
                        json.getString("state", "CLOSED"));
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

    private Future<HttpResponse<Buffer>> get(String path) {
        return client.getAbs(baseUrl + path).putHeader("accept", "application/json").timeout(timeoutMillis).send();
    }
}
