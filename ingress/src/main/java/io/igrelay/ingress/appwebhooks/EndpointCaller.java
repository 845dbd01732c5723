package io.igrelay.ingress.appwebhooks;

import io.igrelay.schemas.contract.HubSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * The ingress's own calls to an Application endpoint: the verification POST (`X-Validation-Token`, passed only on
 * 200 with the token as a JSON string) and the signed test event. Like the dispatcher it connects to the address
 * the SSRF policy checked, follows no redirect and gives up after the time limit.
 */
public final class EndpointCaller {

    /** What the endpoint answered: status (0 = no answer), body excerpt, and the failure class if any. */
    public record Answer(int status, String body, String errorClass, long durationMs) {
        public boolean ok() {
            return errorClass == null && status >= 200 && status < 300;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final EndpointPolicy policy;
    private final Duration timeout;
    private final Clock clock;

    public EndpointCaller(Vertx vertx, EndpointPolicy policy, Duration timeout, Clock clock) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.policy = policy;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether the endpoint's host resolves to addresses the policy allows (checked off the event loop). */
    public Future<Boolean> resolves(URI endpoint) {
        return vertx.executeBlocking(() -> policy.resolve(endpoint).isPresent(), false);
    }

    /** True only when the endpoint answered 200 with exactly the token as a JSON string. */
    public Future<Boolean> verify(URI endpoint, Map<String, String> headers, String token) {
        return post(endpoint, headers, Map.of("X-Validation-Token", token), "{}", List.of())
                .map(a -> a.status() == 200 && a.errorClass() == null
                        && a.body().trim().equals(Json.encode(token)));
    }

    /** POSTs a body, signed with the secrets when any are given. */
    public Future<Answer> post(URI endpoint, Map<String, String> headers, Map<String, String> extra, String body,
            List<String> secrets) {
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> policy.resolve(endpoint), false).compose(address -> {
            if (address.isEmpty()) {
                return Future.succeededFuture(new Answer(0, "", "REFUSED_ADDRESS", 0));
            }
            boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
            int port = endpoint.getPort() > 0 ? endpoint.getPort() : tls ? 443 : 80;
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                    .setAbsoluteURI(endpoint.toString()).setFollowRedirects(false).setTimeout(timeout.toMillis())
                    .setServer(SocketAddress.inetSocketAddress(port, address.get().getHostAddress()))
                    .putHeader("Content-Type", "application/json").putHeader("User-Agent", "igrelay-webhooks/1");
            headers.forEach((k, v) -> {
                if (!k.toLowerCase(Locale.ROOT).matches("host|content-type|content-length|x-hub-signature")) {
                    options.putHeader(k, v);
                }
            });
            extra.forEach(options::putHeader);
            if (!secrets.isEmpty()) {
                options.putHeader(HubSignature.HEADER, HubSignature.value(clock.instant().getEpochSecond(), body, secrets));
            }
            return client.request(options).compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(),
                            b.length() > 4096 ? b.getString(0, 4096) : b.toString(), null, elapsed(started))))
                    .recover(e -> Future.succeededFuture(new Answer(0, "", e.getClass().getSimpleName(),
                            elapsed(started))));
        });
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    public void close() {
        client.close();
    }
}
