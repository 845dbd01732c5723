package io.igrelay.ingress.appwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.store.LocalStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* The log routes read the local store on its worker threads, never on the event loop, and say 503 (with
 * Retry-After) while the store is still loading instead of answering from a half-read log. */
class WebhookLogRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.now().minusSeconds(60);
    private static final String W1 = "3f6c2a9e-0c1b-4b7e-8d2a-5e4f1a0b9c87";

    @TempDir
    Path dir;

    private final AtomicBoolean loaded = new AtomicBoolean();
    private Vertx vertx;
    private LocalStore store;
    private AttemptLogView log;
    private WorkerExecutor workers;
    private HttpServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = LocalStore.open(dir);
        AttemptLog attempts = new AttemptLog(store, Duration.ofDays(30), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            attempts.apply(new AttemptLog.Attempt("l" + i, W1, "e" + i, "m" + i, i != 1, T0.plusSeconds(i), 0, i,
                    Optional.empty(), new JsonObject().put("id", "l" + i).toBuffer().getBytes()),
                    new TopicPartition("hub.webhook.log", 0), i);
        }
        log = new AttemptLogView(attempts);
        workers = vertx.createSharedWorkerExecutor("test-store", 2);
        Webhook webhook = Webhook.newBuilder().setWebhookId(W1).setApplicationId("app")
                .setRegistration(WebhookRegistration.newBuilder().setLabel("l").setEndpoint("https://a.example/h")
                        .setEventType(HubEventType.Message).build())
                .setSecrets(List.of()).setVerified(true).setEnabled(true).setCreatedAt(T0)
                .setUpdatedAt(T0).build();
        // on the routes of docs/openapi.yaml, as the hub API serves them
        RouterBuilder builder = RouterBuilder.create(vertx, OpenAPIContract.from(vertx, "igrelay/openapi.yaml")
                .await(), RequestExtractor.withBodyHandler());
        builder.rootHandler(BodyHandler.create(false));
        builder.getRoutes().forEach(route -> route.setDoSecurity(false));
        new WebhookLogRoutes(log, new JobView(new JobTable(store, Duration.ofDays(7), Clock.systemUTC())),
                (id, command) -> Future.succeededFuture(), Clock.systemUTC(), workers, loaded::get)
                .attach((operationId, handler) -> builder.getRoute(operationId).addHandler(handler),
                        WebhookRoutes.BASE, ctx -> webhook);
        builder.getRoutes().stream().filter(route -> route.getHandlers().isEmpty())
                .forEach(route -> route.addHandler(ctx -> ctx.fail(501)));
        Router router = Router.router(vertx);
        router.route("/v1/*").subRouter(builder.createRouter());
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.failure() instanceof HookError e
                ? e.status() : 500).end(String.valueOf(ctx.failure())));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        server.close().await();
        workers.close().await();
        vertx.close().await();
        store.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerAPageFromTheStoreOnceItIsLoaded() throws Exception {
        loaded.set(true);

        HttpResponse<String> page = get("/v1/organization/webhook/" + W1 + "/webhook-log?status=Success&limit=1");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonObject json = new JsonObject(page.body());
        assertThat(json.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("l2");
        assertThat(json.getJsonObject("pagination").getInteger("total")).isEqualTo(2);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStoreIsStillLoading() throws Exception {
        HttpResponse<String> page = get("/v1/organization/webhook/" + W1 + "/webhook-log");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void shouldRefuseToReadTheStoreOnAnEventLoopThread() {
        CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                log.query(W1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 10);
                onLoop.complete(null);
            } catch (RuntimeException e) {
                onLoop.complete(e);
            }
        });

        assertThat(onLoop.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
        assertThat(vertx.executeBlocking(() -> log.get("l0"), false).await()).isPresent();
    }
}
