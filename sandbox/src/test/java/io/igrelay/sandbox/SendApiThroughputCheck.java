package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.sandbox.state.Flavour;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A rough Send API throughput check with echoes and latency off. Not part of the default suite (its name does not
 * end in Test): run it with -Dtest=SendApiThroughputCheck. The load generator shares the machine with the server,
 * so the figure is a lower bound; the real measurement belongs to bench.
 */
class SendApiThroughputCheck {

    @Test
    void shouldAnswerSendApiCallsFast() throws Exception {
        Vertx vertx = Vertx.vertx();
        SandboxConfig cfg = SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0", "SANDBOX_ECHOES", "false",
                "SANDBOX_RATE_LIMIT_TEXT", "0", "SANDBOX_WEBHOOK_URL", "http://localhost:1/none"));
        Sandbox sandbox = Sandbox.start(vertx, cfg).await();
        sandbox.users().openWindow("fixture.shop", "7309182736451928", sandbox.clock().millis());
        String token = sandbox.issueToken("fixture.shop", Flavour.INSTAGRAM_LOGIN);
        Buffer body = Buffer.buffer(Fixtures.bytes("send-request-text.json"));
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setPipelining(Boolean.getBoolean("sandbox.perf.pipelining")).setPipeliningLimit(16),
                new PoolOptions().setHttp1MaxSize(Integer.getInteger("sandbox.perf.connections", 64)));
        RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setPort(sandbox.port())
                .setHost("localhost").setURI("/graph.instagram.com/v23.0/me/messages")
                .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long seconds = Long.getLong("sandbox.perf.seconds", 10);
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            Promise<Void> done = Promise.promise();
            loops.add(done.future());
            vertx.runOnContext(v -> loop(client, opts, body, ok, failed, warmupEnd, end, done));
        }
        Future.all(loops).await();
        double rate = ok.get() / (double) seconds;
        System.out.printf("sandbox Send API: %.0f req/s (%d ok, %d failed, %d cores)%n", rate, ok.get(),
                failed.get(), Runtime.getRuntime().availableProcessors());
        assertThat(failed.get()).isZero();
        sandbox.close().await();
        vertx.close().await();
    }

    private static void loop(io.vertx.core.http.HttpClient client, RequestOptions opts, Buffer body, AtomicLong ok,
            AtomicLong failed, long warmupEnd, long end, Promise<Void> done) {
        long now = System.nanoTime();
        if (now > end) {
            done.complete();
            return;
        }
        client.request(opts).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(ar -> {
                    if (System.nanoTime() > warmupEnd && System.nanoTime() <= end) {
                        if (ar.succeeded() && ar.result() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    loop(client, opts, body, ok, failed, warmupEnd, end, done);
                });
    }
}
