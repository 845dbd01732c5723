package io.igrelay.ingress.api;

import io.igrelay.ingress.registry.ChannelRegistryView;
import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.ingress.IngressConfig;
import io.igrelay.ingress.apps.AdminRoutes;
import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.ingress.apps.ApplicationAdmin;
import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.apps.CompactedTopicReader;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub HTTP API as one piece the ingress mounts (SPEC 5.2, issue 6 items 1-3): its Kafka clients (a producer,
 * the hub.applications view, the ig.channels directory unless one is given), the processor client, and the
 * OpenAPI-validated routes under /v1. {@link #mount} completes once the views caught up and the contract loaded;
 * {@link #mountAdmin} adds the localhost-only Application admin to the management router.
 */
public final class ApiModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiModule.class);

    private final Vertx vertx;
    private final IngressConfig config;
    private final ApiSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Serializer<Object> serializer;
    private final KafkaProducer<String, Object> producer;
    private final KafkaRecordPublisher publisher;
    private final ApplicationView applications = new ApplicationView();
    private final CompactedTopicReader<Application> applicationReader;
    private final ChannelDirectory channels;
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
                     ChannelDirectory channels) {
        this.vertx = vertx;
        this.config = config;
        this.settings = settings;
        String prefix = config.kafka().topics().prefix();
        Properties producerProps = config.kafka().producer("igrelay-ingress-api");
        producerProps.put("max.block.ms", "2000");
        producerProps.put("request.timeout.ms", "5000");
        producerProps.put("delivery.timeout.ms", "15000");
        this.serializer = serdes.serializer();
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), serializer);
        this.publisher = new KafkaRecordPublisher(vertx, producer, prefix);
        Properties consumerProps = config.kafka().consumer("igrelay-ingress-api-views", "unused");
        var applicationDeserializer = serdes.deserializer(Application.class);
        this.applicationReader = new CompactedTopicReader<>(Topics.APPLICATIONS.name(prefix), consumerProps,
                applicationDeserializer::deserialize, applications::apply);
        this.ownChannels = channels == null ? new ChannelRegistryView(Topics.CHANNELS.name(prefix), consumerProps,
                serdes.deserializer(Channel.class)) : null;
        this.channels = channels == null ? ownChannels : channels;
        this.admin = new ApplicationAdmin(applications,
                app -> publisher.publish(Topics.APPLICATIONS, app.getApplicationId(), app), clock, random);
        this.authenticator = new ApiKeyAuthHandler(applications, new RateLimiter(System::nanoTime),
                settings.rateLimitPerSecond(), clock);
    }

    /** Mounts /v1/openapi.yaml and the API under /v1; completes when the API can answer. */
    public Future<Void> mount(Router router) {
        return vertx.executeBlocking(() -> {
            applicationReader.start().get(60, TimeUnit.SECONDS);
            if (ownChannels != null) {
                ownChannels.start().get(60, TimeUnit.SECONDS);
            }
            publisher.warmUp(List.of(Topics.OUTBOUND_REQUESTS, Topics.MESSAGE_STATUS, Topics.DELETIONS,
                    Topics.APPLICATIONS));
            WarmUp.registerSchemas(serializer, config.kafka().topics().prefix());
            return null;
        }).compose(v -> ensureDevApplication())
                .compose(v -> ApiRouter.build(vertx, settings, handlers()))
                .map(apiRouter -> {
                    ApiRouter.mount(router, apiRouter);
                    return (Void) null;
                })
                .onSuccess(v -> LOG.info("hub API mounted under /v1"));
    }

    /** The localhost-only admin endpoints (create Applications, rotate keys). */
    public void mountAdmin(Router managementRouter) {
        new AdminRoutes(admin, applications).mount(managementRouter);
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
        IdempotencyStore<String> idempotency = new IdempotencyStore<>(clock, settings.idempotencyTtl(), 500_000,
                e -> e instanceof ApiError error && error.status() < 500);
        return new ApiRouter.Handlers(
                authenticator,
                new ContentRules(),
                new SendMessageHandler(channels, processor, publisher, idempotency, accepted, clock),
                new MessageStatusHandler(processor, accepted),
                new ChannelsHandler(channels),
                new ContactErasureHandler(processor, channels, publisher, config.publicBaseUrl(), clock, random),
                new ApiErrorHandler());
    }

    private Future<Void> ensureDevApplication() {
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
        if (ownChannels != null) {
            ownChannels.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
