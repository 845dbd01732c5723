package io.igrelay.bench.sandbox;

import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.dispatcher.BenchConversations;
import io.igrelay.bench.dispatcher.SendSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop Send API client: a fixed number of requests always outstanding over keep-alive connections, each a
 * valid text send (Bearer token of the conversation's account) to graph.instagram.com on the sandbox, until a
 * count or a time limit is reached. Its own Vert.x instance, so it does not share event loops with the server.
 */
final class SendApiLoad implements AutoCloseable {

    record Outcome(long ok, long failed, long bytes, Duration elapsed) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClientAgent client;
    private final RequestOptions[] requests;
    private final Buffer[] bodies;

    SendApiLoad(SendSandbox sandbox, List<BenchConversations.Conversation> conversations) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        this.requests = new RequestOptions[conversations.size()];
        this.bodies = new Buffer[conversations.size()];
        for (int i = 0; i < conversations.size(); i++) {
            var c = conversations.get(i);
            requests[i] = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                    .setPort(sandbox.sandbox().port()).setURI("/graph.instagram.com/v23.0/" + c.account() + "/messages")
                    .putHeader("Authorization", "Bearer " + sandbox.token(c.account()))
                    .putHeader("Content-Type", "application/json");
            bodies[i] = Buffer.buffer(new JsonObject().put("recipient", new JsonObject().put("id", c.igsid()))
                    .put("message", new JsonObject().put("text", "Your order has shipped.")).encode());
        }
    }

    Outcome run(int inFlight, long maxCalls, Duration maxTime, LatencyRecorder latencies)
            throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long end = start + maxTime.toNanos();
        CountDownLatch chains = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            vertx.runOnContext(v -> next(started, maxCalls, end, ok, failed, bytes, latencies, chains));
        }
        if (!chains.await(maxTime.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Send API calls did not finish in time");
        }
        return new Outcome(ok.get(), failed.get(), bytes.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void next(AtomicLong started, long maxCalls, long end, AtomicLong ok, AtomicLong failed,
                      AtomicLong bytes, LatencyRecorder latencies, CountDownLatch chains) {
        long n = started.getAndIncrement();
        if (n >= maxCalls || System.nanoTime() >= end) {
            chains.countDown();
            return;
        }
        int i = (int) (n % requests.length);
        long sentAt = System.nanoTime();
        client.request(requests[i]).compose(req -> req.send(bodies[i]))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    if (result.succeeded() && result.result() == 200) {
                        ok.incrementAndGet();
                        bytes.addAndGet(bodies[i].length());
                        synchronized (latencies) {
                            latencies.record(System.nanoTime() - sentAt);
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                    next(started, maxCalls, end, ok, failed, bytes, latencies, chains);
                });
    }

    @Override
    public void close() {
        client.close().await();
        vertx.close().await();
    }
}
