package io.igrelay.bench.ingress;

import io.igrelay.bench.LatencyRecorder;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.schemas.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Meta's side of the ingress benchmark: signed ~1 KiB webhook deliveries POSTed over keep-alive connections, either
 * as fast as a fixed number of outstanding requests allows (closed loop, for throughput) or at a fixed rate (open
 * loop, for latency at a given load). Every answer must be 200; each one's latency is recorded.
 */
final class WebhookLoad implements AutoCloseable {

    private static final int POOL = 256;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClientAgent client;
    private final Buffer[] bodies = new Buffer[POOL];
    private final String[] signatures = new String[POOL];

    record Outcome(long ok, long failed, Duration elapsed, LatencyRecorder latencies) {
    }

    WebhookLoad(int port, Secret secret, int bodySize, int connections) {
        // one request at a time per keep-alive connection, as Meta's senders do; outstanding requests = connections
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
        Random random = new Random(7);
        for (int i = 0; i < POOL; i++) {
            String head = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1784146392018" + (4000 + i % 16)
                    + "\",\"time\":1763900000000,\"messaging\":[{\"sender\":{\"id\":\"73091827364519" + i
                    + "\"},\"message\":{\"mid\":\"bench-" + i + "\",\"text\":\"";
            byte[] noise = new byte[bodySize];
            random.nextBytes(noise);
            String text = Base64.getEncoder().encodeToString(noise).substring(0, Math.max(0, bodySize - head.length()
                    - 8));
            byte[] body = (head + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
            bodies[i] = Buffer.buffer(body);
            signatures[i] = WebhookSignature.headerFor(secret, body);
        }
    }

    /** {@code concurrency} requests always outstanding, for {@code duration}. */
    Outcome closedLoop(int concurrency, Duration duration) throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch chains = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            vertx.runOnContext(v -> chain(end, counter, ok, failed, latencies, chains));
        }
        chains.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        return new Outcome(ok.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start), latencies);
    }

    private void chain(long end, AtomicLong counter, AtomicLong ok, AtomicLong failed, LatencyRecorder latencies,
                       CountDownLatch chains) {
        if (System.nanoTime() >= end) {
            chains.countDown();
            return;
        }
        post((int) (counter.getAndIncrement() % POOL), ok, failed, latencies)
                .onComplete(r -> chain(end, counter, ok, failed, latencies, chains));
    }

    /** Requests started at {@code perSecond} regardless of answers, for {@code duration}; then waits for all. */
    Outcome openLoop(double perSecond, Duration duration) throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        AtomicReference<Long> timer = new AtomicReference<>();
        timer.set(vertx.setPeriodic(1, id -> {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= duration.toNanos()) {
                vertx.cancelTimer(id);
                return;
            }
            long due = (long) (elapsed / 1e9 * perSecond);
            while (sent.get() < due) {
                post((int) (sent.getAndIncrement() % POOL), ok, failed, latencies);
            }
        }));
        long deadline = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(30);
        Thread.sleep(duration.toMillis());
        while (ok.get() + failed.get() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Outcome(ok.get(), failed.get(), duration, latencies);
    }

    private Future<Integer> post(int i, AtomicLong ok, AtomicLong failed, LatencyRecorder latencies) {
        long sentAt = System.nanoTime();
        return client.request(HttpMethod.POST, "/webhooks/instagram")
                .compose(req -> req.putHeader("Content-Type", "application/json")
                        .putHeader("X-Hub-Signature-256", signatures[i]).send(bodies[i]))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    if (result.succeeded() && result.result() == 200) {
                        ok.incrementAndGet();
                        synchronized (latencies) {
                            latencies.record(System.nanoTime() - sentAt);
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                });
    }

    int bodySize() {
        return bodies[0].length();
    }

    @Override
    public void close() {
        client.close().await();
        vertx.close().await();
    }
}
