package io.igrelay.ingress.api;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.ingress.apps.AdminGuard;
import io.igrelay.ingress.apps.AdminRoutes;
import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.ingress.apps.ApplicationAdmin;
import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub HTTP API as one piece the ingress mounts (contract §5.2): its Kafka clients (a producer,
 * the hub.applications view, the ig.channels directory unless one is given), the processor client, and the
 * OpenAPI-validated routes under /v1. {@link #mountRoutes} needs no dependency; {@link #start} reads the views and
 * warms the producer and the schema ids (the ingress retries it while Kafka or the registry is away);
 * {@link #mountAdmin} adds the localhost-only Application admin to the management router.
 */
public final class ApiModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiModule.class);

    private final Vertx vertx;
    private final IngressConfig config;
    private final ApiSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final IdempotencyStore<String> idempotency;
    private final Serializer<Object> serializer;
    private final KafkaRecordPublisher publisher;
    private final ApplicationView applications = new ApplicationView();
    private final CompactedTopicView<Application> applicationReader;
    private final ReusableAttachments attachments = new ReusableAttachments();
    private final CompactedTopicView<ReusableAttachment> attachmentReader;
    private final ChannelLookup channels;
    private final ChannelRegistryView ownChannels;
    private final ApplicationAdmin admin;
    private final ApiKeyAuthHandler authenticator;

    /** With its own reader of ig.channels. */
    public ApiModule(Vertx vertx, IngressConfig config, ApiSettings settings, AvroSerdes serdes) {
        this(vertx, config, settings, serdes, null);
    }

    /**
     * @param channels the ingress's shared channel registry (started by its owner, e.g. the onboarding's
     *                 ChannelRegistryView), or null to read ig.channels here
     */
    public ApiModule(Vertx vertx, IngressConfig config, ApiSettings settings, AvroSerdes serdes,
                     ChannelLookup channels) {
        this.vertx = vertx;
        this.config = config;
        this.settings = settings;
        String prefix = config.kafka().topics().prefix();
        Properties producerProps = config.kafka().producer("igrelay-ingress-api");
        producerProps.put("max.block.ms", "1000"); // on its sender thread, never an event loop
        producerProps.put("request.timeout.ms", "5000");
        producerProps.put("delivery.timeout.ms", "15000");
        this.serializer = serdes.serializer();
        this.publisher = new KafkaRecordPublisher(vertx, new KafkaProducer<>(producerProps, new StringSerializer(),
                serializer), prefix);
        Properties consumerProps = config.kafka().consumer("igrelay-ingress-api-views", "unused");
        var applicationDeserializer = serdes.deserializer(Application.class);
        this.applicationReader = CompactedTopicView.reading(Topics.APPLICATIONS.name(prefix), consumerProps,
                applicationDeserializer, applications::apply);
        var attachmentDeserializer = serdes.deserializer(ReusableAttachment.class);
        this.attachmentReader = CompactedTopicView.reading(Topics.ATTACHMENTS.name(prefix), consumerProps,
                attachmentDeserializer, attachments::apply);
        this.ownChannels = channels == null ? new ChannelRegistryView(Topics.CHANNELS.name(prefix), consumerProps,
                serdes.deserializer(Channel.class)) : null;
        this.channels = channels == null ? ownChannels : channels;
        this.admin = new ApplicationAdmin(applications,
                app -> publisher.publish(Topics.APPLICATIONS, app.getApplicationId(), app), clock, random);
        this.authenticator = new ApiKeyAuthHandler(applications, new ApiRateLimiter(System::nanoTime),
                settings.rateLimitPerSecond(), clock);
        this.idempotency = new IdempotencyStore<>(clock, settings.idempotencyTtl(),
                config.limits().idempotencyMaxKeys(), e -> e instanceof ApiError error && error.status() < 500);
    }

    /** The Idempotency-Key store's size, next to its bound (API_IDEMPOTENCY_MAX_KEYS). */
    public void bindMetrics(MeterRegistry metrics) {
        Gauge.builder("igrelay_api_idempotency_keys", idempotency, IdempotencyStore::size)
                .description("Idempotency-Key answers held by this replica").register(metrics);
        Gauge.builder("igrelay_api_idempotency_keys_max", () -> config.limits().idempotencyMaxKeys())
                .description("The bound on Idempotency-Key answers held (API_IDEMPOTENCY_MAX_KEYS)").register(metrics);
    }

    /**
     * Mounts the routes, then starts ({@link #start}); completes when the API can answer. {@code others}: the
     * operations of the contract other modules serve (see {@link ApiRouter#build}).
     */
    public Future<Void> mount(Router router, List<Consumer<RouterBuilder>> others) {
        return mountRoutes(router, others).compose(v -> start());
    }

    /** Mounts /v1/openapi.yaml and the API under /v1 (loads the contract; needs neither Kafka nor the registry). */
    public Future<Void> mountRoutes(Router router, List<Consumer<RouterBuilder>> others) {
        ApiRouter.Handlers handlers = handlers();
        return ApiRouter.build(vertx, settings, handlers, others)
                .map(apiRouter -> {
                    ApiRouter.mount(router, apiRouter, handlers);
                    return (Void) null;
                })
                .onSuccess(v -> LOG.info("hub API mounted under /v1"));
    }

    /** Reads the views, then warms the producer and the schema ids, then makes the dev Application. */
    public Future<Void> start() {
        return Future.fromCompletionStage(startViews(), vertx.getOrCreateContext())
                .compose(v -> vertx.executeBlocking(() -> {
                    warmUp();
                    return null;
                }, false))
                .compose(v -> ensureDevApplication());
    }

    /** Starts following hub.applications (and its own ig.channels view); completes once they were read. */
    public CompletableFuture<Void> startViews() {
        return CompletableFuture.allOf(applicationReader.start(), attachmentReader.start(),
                ownChannels == null ? CompletableFuture.completedFuture(null) : ownChannels.start());
    }

    /**
     * Blocking, never on an event loop: fetches the producer's metadata and registers the schemas the API writes,
     * so no request waits for either; throws while Kafka or the registry is away.
     */
    public void warmUp() {
        publisher.warmUp(List.of(Topics.OUTBOUND_REQUESTS, Topics.MESSAGE_STATUS, Topics.DELETIONS,
                Topics.APPLICATIONS, Topics.ATTACHMENTS));
        WarmUp.registerSchemas(serializer, config.kafka().topics().prefix());
    }

    /** Reports the views into the ingress's health (before start). */
    public ApiModule reportInto(HealthMonitor health) {
        applicationReader.reportInto(health);
        attachmentReader.reportInto(health);
        if (ownChannels != null) {
            ownChannels.reportInto(health);
        }
        return this;
    }

    /** True once hub.applications (and its own ig.channels view, if any) were read. */
    public boolean viewsLoaded() {
        return applicationReader.loaded() && attachmentReader.loaded() && (ownChannels == null || ownChannels.loaded());
    }

    /** The localhost-only admin endpoints (create Applications, rotate keys). */
    public void mountAdmin(Router managementRouter) {
        new AdminRoutes(admin, applications, new AdminGuard(config.adminToken())).mount(managementRouter);
    }

    public ApplicationAdmin admin() {
        return admin;
    }

    /** The x-api-key check (401, per-key rate limit) shared by every /v1 route, the Application webhooks' too. */
    public ApiKeyAuthHandler authenticator() {
        return authenticator;
    }

    /** The hub.applications view (caught up once {@link #mount} completed), for the dashboard's key sign-in. */
    public ApplicationView applications() {
        return applications;
    }

    private ApiRouter.Handlers handlers() {
        ProcessorClient processor = new ProcessorClient(WebClient.create(vertx), config.processorUrl(),
                settings.processorTimeout());
        AcceptedMessages accepted = new AcceptedMessages(clock, Duration.ofMinutes(10), 100_000);
        OutboundRequests requests = new OutboundRequests(channels, publisher, accepted, clock);
        return new ApiRouter.Handlers(
                authenticator,
                new ContentRules(),
                new SendMessageHandler(requests, processor, idempotency),
                new MessageStatusHandler(processor, accepted),
                new ChannelsHandler(channels),
                new ContactErasureHandler(processor, channels, publisher, config.publicBaseUrl(), clock, random),
                new ContactProfileHandler(processor, channels, new ContactProfiles(clock, 100_000),
                        new ContactProfileClient(WebClient.create(vertx), config.meta(), config.tokenCipher())::fetch),
                new CommentOperationsHandler(requests, processor, idempotency),
                new ApiErrorHandler(),
                channelSetup());
    }

    private ApiRouter.ChannelSetupHandlers channelSetup() {
        ChannelGraph graph = new ChannelGraph(WebClient.create(vertx), config.meta(), config.tokenCipher());
        return new ApiRouter.ChannelSetupHandlers(
                new AttachmentsHandler(channels, attachments, graph, publisher, clock),
                new MessagingProfileHandler(channels, new MessagingProfiles(graph)));
    }

    /** Makes the dev Application of DEV_API_KEY if it does not exist (once hub.applications was read). */
    public Future<Void> ensureDevApplication() {
        if (config.devApiKey().isEmpty()) {
            return Future.succeededFuture();
        }
        return ApiKeyCredentials.parse(config.devApiKey().get().value())
                .map(key -> admin.ensureDevApplication(key)
                        .onSuccess(id -> LOG.info("dev application {} ready (key id {})", id, key.keyId()))
                        .<Void>mapEmpty())
                .orElseGet(() -> Future.failedFuture(
                        new IllegalStateException("DEV_API_KEY must look like igr_<keyId>_<secret>")));
    }

    @Override
    public void close() {
        applicationReader.close();
        attachmentReader.close();
        if (ownChannels != null) {
            ownChannels.close();
        }
        publisher.close(Duration.ofSeconds(5));
    }
}
