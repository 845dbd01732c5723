package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphRequest;
import io.igrelay.dispatcher.graph.OutcomeClassifier;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.UsageGovernor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * The Send API client against a local server: a call returns Meta's mid over a kept-alive connection, an HTTP error
 * is never a success, and a call that timed out may have reached Meta while one that was refused did not.
 */
class GraphClientTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String mode = "ok";
    private final HttpServer server = vertx.createHttpServer()
            .connectionHandler(connection -> connections.incrementAndGet())
            .requestHandler(request -> request.body().onSuccess(body -> {
                switch (mode) {
                    case "ok" -> request.response().putHeader("content-type", "application/json")
                            .end("{\"recipient_id\":\"1\",\"message_id\":\"mid.1\"}");
                    case "500" -> request.response().setStatusCode(500).end("<html>oops</html>");
                    case "usage" -> request.response().putHeader("content-type", "application/json")
                            .putHeader("X-Business-Use-Case-Usage", "{\"1\":[{\"type\":\"instagram\","
                                    + "\"call_count\":100,\"total_cputime\":1,\"total_time\":1,"
                                    + "\"estimated_time_to_regain_access\":3}]}")
                            .end("{\"recipient_id\":\"1\",\"message_id\":\"mid.1\"}");
                    case "ok-then-close" -> request.response().putHeader("content-type", "application/json")
                            .end("{\"recipient_id\":\"1\",\"message_id\":\"mid.1\"}")
                            .onComplete(done -> vertx.setTimer(100, t -> request.connection().close()));
                    case "silent" -> { } // never answers
                    default -> request.connection().close();
                }
            })).listen(0).await();
    private final GraphClient client = new GraphClient(4, Duration.ofSeconds(2), Duration.ofMillis(300),
            new OutcomeClassifier(), new SendMetrics(new SimpleMeterRegistry()));

    @AfterEach
    void close() {
        client.close();
        vertx.close().await();
    }

    private GraphRequest call(int port) {
        return new GraphRequest(URI.create("http://localhost:" + port + "/v23.0/1/messages"),
                Optional.of("token"), "{\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"hi\"}}");
    }

    @Test
    void shouldReturnMetasMidAndKeepTheConnectionForTheNextCall() {
        for (int i = 0; i < 20; i++) {
            assertThat(client.send(call(server.actualPort()))).isEqualTo(
                    new CallOutcome.Delivered(Optional.of("mid.1")));
        }
        assertThat(connections.get()).as("keep-alive: sequential calls reuse one connection").isEqualTo(1);
    }

    @Test
    void shouldNotReuseAConnectionTheServerClosedWhileItWasIdle() throws InterruptedException {
        mode = "ok-then-close"; // as Meta's side closing an idle keep-alive connection
        assertThat(client.send(call(server.actualPort()))).isInstanceOf(CallOutcome.Delivered.class);
        Thread.sleep(2_500); // past the idle time after which a pooled connection is checked before use
        mode = "ok";
        assertThat(client.send(call(server.actualPort()))).isEqualTo(
                new CallOutcome.Delivered(Optional.of("mid.1")));
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void shouldHandMetasUsageHeadersToTheGovernorForTheCallsAccount() {
        mode = "usage";
        AccountRateLimiter limiter = new AccountRateLimiter(100, 10, () -> 0L);
        GraphClient governed = new GraphClient(1, Duration.ofSeconds(2), Duration.ofSeconds(2),
                new OutcomeClassifier(), new SendMetrics(new SimpleMeterRegistry()),
                new UsageGovernor(limiter, 80, Duration.ofSeconds(10), scope -> { }));
        try {
            GraphRequest call = call(server.actualPort());
            governed.send(new GraphRequest(call.uri(), call.bearerToken(), call.body(), "acc"));
        } finally {
            governed.close();
        }
        assertThat(limiter.tryAcquire("acc", AccountRateLimiter.RateClass.TEXT)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void shouldNeverTakeAnHttpErrorForSuccess() {
        mode = "500";
        assertThat(client.send(call(server.actualPort()))).isInstanceOf(CallOutcome.Retry.class);
    }

    @Test
    void shouldTreatACallWithoutAnswerAsPossiblyAccepted() {
        mode = "silent";
        CallOutcome outcome = client.send(call(server.actualPort()));
        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Retry.class,
                retry -> assertThat(retry.maybeAccepted()).isTrue());
    }

    @Test
    void shouldKnowThatACallThatNeverLeftCannotHaveReachedMeta() {
        int closedPort = server.actualPort();
        server.close().await();
        assertThat(client.send(call(closedPort))).isInstanceOfSatisfying(CallOutcome.Retry.class,
                retry -> assertThat(retry.maybeAccepted()).isFalse());
    }
}
