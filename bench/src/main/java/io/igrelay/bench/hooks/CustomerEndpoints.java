package io.igrelay.bench.hooks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The Applications' side of the webhook rows: one HTTP server per registered endpoint, each on its own port as
 * different customers' hosts would be (so the dispatcher keeps one connection pool per endpoint, as in production).
 * Every server answers the registration's verification (the token as a JSON string), notes the arrival time of the
 * first attempt of each measured event (by the sequence number carried in the message text) and answers 200 — except
 * the stalled one, which from {@link #stall} on never answers a delivery, so each attempt runs into the timeout.
 */
public final class CustomerEndpoints implements AutoCloseable {

    /** The message text starts with this marker and the event's sequence number, then '#'. */
    static final String MARKER = "hb#";
    private static final String STATUS_EVENT = "\"eventType\":\"MessageStatus\"";

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicLongArray firstArrival;
    private final AtomicIntegerArray attempts;
    private final AtomicIntegerArray probes;
    private final AtomicLong stalledRequests = new AtomicLong();
    private final AtomicLong statusDeliveries = new AtomicLong();
    private volatile int stalled = -1;

    public CustomerEndpoints(int endpoints, int maxEvents) {
        this.firstArrival = new AtomicLongArray(maxEvents);
        this.attempts = new AtomicIntegerArray(maxEvents);
        this.probes = new AtomicIntegerArray(endpoints);
        for (int i = 0; i < endpoints; i++) {
            int endpoint = i;
            servers.add(vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(0))
                    .requestHandler(request -> handle(endpoint, request))
                    .listen(0, "127.0.0.1").await());
        }
    }

    public String url(int endpoint) {
        return "http://127.0.0.1:" + servers.get(endpoint).actualPort() + "/hooks/instagram";
    }

    /** From now on the endpoint never answers a delivery (verification calls are still answered). */
    void stall(int endpoint) {
        stalled = endpoint;
    }

    /** Whether the endpoint received at least one event that is not a measured one (the readiness probes). */
    public boolean probed(int endpoint) {
        return probes.get(endpoint) > 0;
    }

    /** System.nanoTime() of the first attempt of measured event {@code seq}, 0 if none arrived yet. */
    public long arrival(int seq) {
        return firstArrival.get(seq);
    }

    /** How many delivery attempts of measured event {@code seq} arrived (a retry after a lost answer counts). */
    public int attempts(int seq) {
        return attempts.get(seq);
    }

    /** Sends one probe DM per account each second until every endpoint received one (all folds and views ready). */
    public void awaitProbed(MetaSender meta, int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int round = 0; ; round++) {
            boolean all = true;
            for (int i = 0; i < endpoints; i++) {
                if (!probed(i)) {
                    all = false;
                    meta.send(i, i, "probe " + round, "probe-" + round + "-" + i);
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every endpoint received a probe within " + timeout);
            }
            Thread.sleep(1000);
        }
    }

    /** How many deliveries of a {@code MessageStatus} webhook arrived (retries included). */
    public long statusDeliveries() {
        return statusDeliveries.get();
    }

    long stalledRequests() {
        return stalledRequests.get();
    }

    private void handle(int endpoint, HttpServerRequest request) {
        String token = request.getHeader("X-Validation-Token");
        if (token != null) {
            request.response().putHeader("content-type", "application/json").end("\"" + token + "\"");
            return;
        }
        request.body().onSuccess(body -> {
            long now = System.nanoTime();
            String text = body.toString();
            int seq = sequenceOf(text);
            if (seq >= 0 && seq < firstArrival.length()) {
                firstArrival.compareAndSet(seq, 0, now);
                attempts.incrementAndGet(seq);
            } else if (text.contains(STATUS_EVENT)) {
                statusDeliveries.incrementAndGet();
            } else {
                probes.incrementAndGet(endpoint);
            }
            if (endpoint == stalled) {
                stalledRequests.incrementAndGet(); // never answered: the dispatcher's timeout ends the attempt
                return;
            }
            request.response().end();
        });
    }

    /** The sequence number after {@link #MARKER} in a delivery's body, or -1. */
    static int sequenceOf(String body) {
        int at = body.indexOf(MARKER);
        if (at < 0) {
            return -1;
        }
        int value = 0;
        int digits = 0;
        for (int i = at + MARKER.length(); i < body.length() && digits < 10; i++, digits++) {
            char c = body.charAt(i);
            if (c == '#') {
                return digits == 0 ? -1 : value;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return -1;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
