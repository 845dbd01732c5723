package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.schemas.contract.HubSignature;
import io.igrelay.schemas.net.PublicEndpoints;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/*
 * Sends one webhook request: resolves and checks the endpoint's address on a worker thread, then
 * connects to exactly that address (TLS still verifies the host name), with the signature, the customer's headers,
 * no redirects and a hard time limit. Never throws: every outcome becomes an AttemptResult.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Set<String> RESERVED = Set.of("host", "content-type", "content-length",
            "x-hub-signature", "transfer-encoding", "connection");

    private static final int IO_LOOPS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Vertx vertx;
    private final HttpClient client;
    private final PublicEndpoints guard;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(Vertx vertx, PublicEndpoints guard, Duration timeout, Clock clock) {
        this.vertx = vertx;
        // the connections live on event loops of their own: every attempt starts on the delivery engine's one
        // context, and with the caller's loop all endpoints' I/O shared that thread with the engine's work; the
        // outcome is still handed back on the engine's context (see call)
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) timeout.toMillis()).setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(64).setEventLoopSize(IO_LOOPS));
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** POSTs {@code body}; {@code secrets} (plain, in memory only) sign it when the list is not empty. */
    public Future<AttemptResult> send(URI endpoint, Map<String, String> headers, String body, List<String> secrets) {
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> guard.resolve(endpoint), false).compose(resolution -> {
            if (resolution.address().isEmpty()) {
                return Future.succeededFuture(AttemptResult.failed("REFUSED_ADDRESS", elapsed(started)));
            }
            return call(endpoint, resolution.address().get(), headers, body, secrets, started);
        }, error -> Future.succeededFuture(AttemptResult.failed("DNS", elapsed(started))));
    }

    private Future<AttemptResult> call(URI endpoint, InetAddress address, Map<String, String> headers, String body,
            List<String> secrets, long started) {
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : tls ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint.toString())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false).setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json").putHeader("User-Agent", "igrelay-webhooks/1");
        headers.forEach((name, value) -> {
            if (!RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                options.putHeader(name, value);
            }
        });
        if (!secrets.isEmpty()) {
            options.putHeader(HubSignature.HEADER,
                    HubSignature.value(clock.instant().getEpochSecond(), body, secrets));
        }
        Context caller = vertx.getOrCreateContext();
        Promise<AttemptResult> result = Promise.promise();
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .onSuccess(response -> {
                    Buffer excerpt = Buffer.buffer();
                    response.handler(chunk -> {
                        int room = AttemptResult.MAX_BODY - excerpt.length();
                        if (room > 0) {
                            excerpt.appendBuffer(chunk.length() > room ? chunk.slice(0, room) : chunk);
                        }
                    });
                    response.exceptionHandler(e -> result.tryComplete(
                            AttemptResult.failed(classify(e), elapsed(started))));
                    response.endHandler(v -> result.tryComplete(AttemptResult.answered(response.statusCode(),
                            elapsed(started), excerpt.toString(),
                            AttemptResult.parseRetryAfter(response.getHeader("Retry-After"), clock.instant()))));
                })
                .onFailure(e -> result.tryComplete(AttemptResult.failed(classify(e), elapsed(started))));
        Promise<AttemptResult> handedOver = Promise.promise();
        result.future().onComplete(outcome -> caller.runOnContext(v -> handedOver.handle(outcome)));
        return handedOver.future();
    }

    static String classify(Throwable error) {
        String name = error.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (error instanceof TimeoutException || name.contains("timeout") || message.contains("timeout")
                || message.contains("timed out")) {
            return "TIMEOUT";
        }
        if (name.contains("ssl") || message.contains("ssl") || message.contains("certificate")) {
            return "TLS";
        }
        if (name.contains("unknownhost") || message.contains("resolve")) {
            return "DNS";
        }
        return "CONNECT";
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        client.close();
    }
}
