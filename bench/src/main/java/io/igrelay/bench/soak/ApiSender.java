package io.igrelay.bench.soak;

import io.igrelay.bench.hooks.MetaSender;
import io.igrelay.bench.hooks.Tenants.Tenant;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The Applications' replies during the soak: {@code POST /v1/communication/instagram/message} at a steady rate,
 * round-robin over the tenants, each with its own key, from its own channel to one of the customers who wrote to
 * it (their windows are open), so every send goes the whole way to Meta and back as a {@code MessageStatus}.
 */
final class ApiSender {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final List<Tenant> tenants;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    ApiSender(int ingressPort, List<Tenant> tenants) {
        this.url = "http://127.0.0.1:" + ingressPort + "/v1/communication/instagram/message";
        this.tenants = List.copyOf(tenants);
    }

    /** Sends {@code perSecond} replies a second until System.nanoTime() reaches {@code untilNanos}. */
    void pacedUntil(int perSecond, long untilNanos) {
        long start = System.nanoTime();
        int customersPerTenant = MetaSender.CUSTOMERS / tenants.size();
        for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            if (due >= untilNanos) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int t = (int) (i % tenants.size());
            long customer = t + (long) tenants.size() * ((i / tenants.size()) % customersPerTenant);
            send(tenants.get(t), MetaSender.customer(customer), "soak reply " + i);
        }
    }

    private void send(Tenant tenant, String igsid, String text) {
        sent.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("x-api-key", tenant.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("from", "@" + tenant.username())
                        .put("to", igsid).put("content", new JsonObject().put("text", text)).encode()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 202) {
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
                firstRefusal.compareAndSet(null, error != null ? error.toString()
                        : response.statusCode() + " " + response.body());
            }
        });
    }

    long sent() {
        return sent.get();
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }

    /** The first answer that was not 202, or empty. */
    String firstRefusal() {
        String first = firstRefusal.get();
        return first == null ? "" : first;
    }
}
