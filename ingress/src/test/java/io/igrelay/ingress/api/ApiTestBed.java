package io.igrelay.ingress.api;

import io.igrelay.avro.ApiKey;
import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.config.ApiSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The hub API's real router and handlers without a broker: an in-memory channel directory, a recording publisher
 * and a fake processor, served on a free port. Two Applications ("acme" and "other") with one channel each.
 */
final class ApiTestBed implements AutoCloseable {

    static final String APP = "app-acme";
    static final String OTHER_APP = "app-other";
    static final String CHANNEL = "0b4f5c1e-2a7d-4c39-9d7e-2f6a3b1c9e10";
    static final String OTHER_CHANNEL = "1c5a6d2f-3b8e-4d4a-8e8f-3a7b4c2d0f21";
    static final String IGSID = "1234567890123456";

    final Vertx vertx = Vertx.vertx();
    final InMemoryChannels channels = new InMemoryChannels();
    final RecordingPublisher publisher = new RecordingPublisher();
    final FakeProcessor processor = new FakeProcessor(vertx);
    final ApplicationView applications = new ApplicationView();
    /** What "Meta" answers for a contact profile (a test replaces it, e.g. with the sandbox-backed client). */
    volatile BiFunction<Channel, String, Future<JsonObject>> contactProfiles =
            (channel, igsid) -> Future.failedFuture(new IllegalStateException("no contact profile source"));
    /** What "Meta" answers for a channel's Graph calls (a test puts the sandbox-backed ChannelGraph here). */
    volatile ChannelGraphCaller graph = (channel, call, what) -> Future.failedFuture(
            new IllegalStateException("no Graph source"));
    final ReusableAttachments attachments = new ReusableAttachments();
    final String apiKey;
    final String otherApiKey;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiTestBed(ApiSettings settings) {
        this(settings, null, v -> ApiTestBed::notServedHere);
    }

    /**
     * {@code sink}: what the handlers publish through, made on the bed's Vert.x (null: the recording publisher);
     * {@code others}: attaches the operations other modules serve (the Application webhooks), given this Vert.x.
     */
    ApiTestBed(ApiSettings settings, Function<Vertx, RecordPublisher> sink,
               Function<Vertx, Consumer<RouterBuilder>> others) {
        RecordPublisher out = sink == null ? publisher : sink.apply(vertx);
        SecureRandom random = new SecureRandom();
        apiKey = addApplication(APP, "acme", random);
        otherApiKey = addApplication(OTHER_APP, "other", random);
        channels.put(InMemoryChannels.channel(CHANNEL, APP, "Acme.Store", ChannelStatus.ACTIVE));
        channels.put(InMemoryChannels.channel(OTHER_CHANNEL, OTHER_APP, "other.shop", ChannelStatus.ACTIVE));
        Clock clock = Clock.systemUTC();
        ProcessorClient processorClient = new ProcessorClient(WebClient.create(vertx), URI.create(processor.url()),
                Duration.ofSeconds(1));
        AcceptedMessages accepted = new AcceptedMessages(clock, Duration.ofMinutes(10), 1000);
        IdempotencyStore<String> idempotency = new IdempotencyStore<>(clock, settings.idempotencyTtl(), 1000,
                e -> e instanceof ApiError error && error.status() < 500);
        OutboundRequests requests = new OutboundRequests(channels, out, accepted, clock);
        ApiRouter.Handlers handlers = new ApiRouter.Handlers(
                new ApiKeyAuthHandler(applications, new ApiRateLimiter(System::nanoTime), settings.rateLimitPerSecond(),
                        clock),
                new ContentRules(),
                new SendMessageHandler(requests, processorClient, idempotency),
                new MessageStatusHandler(processorClient, accepted),
                new ChannelsHandler(channels),
                new ContactErasureHandler(processorClient, channels, out, URI.create("http://hub.test"), clock,
                        random),
                new ContactProfileHandler(processorClient, channels, new ContactProfiles(clock, 1000),
                        (channel, igsid) -> contactProfiles.apply(channel, igsid)),
                new CommentOperationsHandler(requests, processorClient, idempotency),
                new ApiErrorHandler(),
                new ApiRouter.ChannelSetupHandlers(
                        new AttachmentsHandler(channels, attachments, (c, call, what) -> graph.call(c, call, what),
                                publisher, clock),
                        new MessagingProfileHandler(channels, new MessagingProfiles(
                                (c, call, what) -> graph.call(c, call, what)))));
        Router root = Router.router(vertx);
        ApiRouter.mount(root, ApiRouter.build(vertx, settings, handlers, List.of(others.apply(vertx))).await(),
                handlers);
        server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
    }

    /** The operations another module serves (the Application webhooks) answer 501 where it is not wired in. */
    static void notServedHere(RouterBuilder builder) {
        builder.getRoutes().stream().filter(route -> route.getHandlers().isEmpty())
                .forEach(route -> route.addHandler(ctx -> ctx.fail(501)));
    }

    private String addApplication(String id, String name, SecureRandom random) {
        ApiKeyCredentials key = ApiKeyCredentials.generate(random);
        applications.apply(id, Application.newBuilder().setApplicationId(id).setName(name)
                .setApiKeys(List.of(ApiKey.newBuilder().setKeyId(key.keyId())
                        .setSecretSha256(ByteBuffer.wrap(key.secretSha256())).setCreatedAt(Instant.now()).build()))
                .setHumanAgentAllowed(id.equals(APP))
                .setCreatedAt(Instant.now()).setUpdatedAt(Instant.now()).build());
        return key.presentable();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    HttpResponse<String> post(String body) {
        return send("POST", "/v1/communication/instagram/message", body, Map.of("x-api-key", apiKey));
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, Map.of("x-api-key", apiKey));
    }

    @Override
    public void close() {
        server.close().await();
        processor.close();
        vertx.close().await();
    }
}
