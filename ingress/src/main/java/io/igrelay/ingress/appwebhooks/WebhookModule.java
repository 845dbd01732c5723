package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookCommand;
import io.igrelay.ingress.ops.OffLoopProducer;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.net.HubEndpoints;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.schemas.webhooks.HubWebhookCodecs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The Application-webhook registration API as one piece for IngressService: its producers (hub.webhook.events in
 * Avro, hub.webhook.commands through CommandCodec), its view of hub.webhooks (rebuilt at every start), and the local
 * store of the attempt log and the jobs (hub.webhook.log, hub.webhook.commands + hub.webhook.jobs), which resumes
 * where it left off. The ingress starts it in steps (ensureTopics once Kafka answers, then startViews, without
 * waiting) and answers 503 until the views are read; start() does all of it and waits for the webhooks and briefly
 * for the store: a store that must be rebuilt (a new replica) goes on loading in the background while the log routes
 * answer 503, so the start-up time of the ingress never depends on 30 days of log. attach() gives its handlers to
 * the hub API's OpenAPI router, which validates every request against docs/openapi.yaml first.
 */
public final class WebhookModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookModule.class);
    /** The retention the dispatcher gives the webhook topics by default (WEBHOOK_QUEUE_RETENTION), if we start first. */
    private static final Duration QUEUE_RETENTION = Duration.ofDays(30);
    private static final Duration STORE_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final KafkaSettings kafka;
    private final TokenCipher cipher;
    private final ApplicationAuthenticator auth;
    private final Clock clock;
    private final Producer<String, Object> avroProducer;
    private final Producer<String, WebhookCommand> commandProducer;
    private final WebhookStore store;
    private final CompactedTopicView<Webhook> webhookReader;
    private final HubWebhookTopics topics;
    private final EndpointCaller caller;
    private final EndpointPolicy policy;
    private final HookStores stores;
    private final WorkerExecutor storeWorkers;

    /** {@code storeDir}: this ingress's own folder for the attempt-log and job store; the hub's default ports. */
    public WebhookModule(Vertx vertx, KafkaSettings kafka, AvroSerdes serdes, TokenCipher cipher,
            ApplicationAuthenticator auth, Clock clock, Path storeDir) {
        this(vertx, kafka, serdes, cipher, auth, clock, storeDir, HubEndpoints.defaults());
    }

    /** {@code hub}: the hub's own ports and address, which no endpoint may name. */
    public WebhookModule(Vertx vertx, KafkaSettings kafka, AvroSerdes serdes, TokenCipher cipher,
            ApplicationAuthenticator auth, Clock clock, Path storeDir,
            HubEndpoints hub) {
        this.vertx = vertx;
        this.policy = new EndpointPolicy(kafka.devMode(), hub);
        this.kafka = kafka;
        this.cipher = cipher;
        this.auth = auth;
        this.clock = clock;
        String prefix = kafka.topics().prefix();
        this.topics = HubWebhookTopics.of(kafka.topics());
        Properties producerProps = kafka.producer("igrelay-ingress-webhooks");
        producerProps.put("max.block.ms", "1000"); // on their sender threads, never an event loop
        producerProps.put("delivery.timeout.ms", "15000");
        producerProps.put("request.timeout.ms", "5000");
        this.avroProducer = OffLoopProducer.wrap(new KafkaProducer<>(producerProps, new StringSerializer(),
                serdes.serializer()), "webhook-events");
        HubWebhookCodecs codecs = new HubWebhookCodecs(serdes);
        // the codec serializes on the producer's own sender thread: a first registry lookup never blocks a loop
        this.commandProducer = OffLoopProducer.wrap(new KafkaProducer<>(producerProps, new StringSerializer(),
                codecs.commands()::encode), "webhook-commands");
        this.store = new WebhookStore(vertx, avroProducer, Topics.WEBHOOK_EVENTS.name(prefix));
        Properties views = kafka.consumer("igrelay-ingress-webhook-views", "unused");
        var webhooks = serdes.deserializer(Webhook.class);
        this.webhookReader = CompactedTopicView.reading(Topics.WEBHOOKS.name(prefix), views,
                webhooks, store::applyFolded);
        this.caller = new EndpointCaller(vertx, policy, Duration.ofSeconds(10), clock);
        this.stores = new HookStores(storeDir, QUEUE_RETENTION, kafka, codecs, clock);
        this.storeWorkers = vertx.createSharedWorkerExecutor("webhook-store", 4);
    }

    /** Reports the store's followers and the view of hub.webhooks into the ingress's health (before start). */
    public WebhookModule reportInto(HealthMonitor health) {
        stores.reportInto(health);
        webhookReader.reportInto(health);
        return this;
    }

    /** Creates the shared JSON topics if needed and reads the views; completes when the routes can answer. */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            ensureTopics();
            CompletableFuture<Void> loaded = startViews();
            webhookReader.start().get(60, TimeUnit.SECONDS);
            try {
                loaded.get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.info("the webhook log store is still loading; log queries answer 503 until it is done");
            }
            return null;
        });
    }

    /** Blocking start-up step: creates the shared JSON topics if needed; throws while Kafka is away. */
    public void ensureTopics() {
        try (Admin admin = Admin.create(kafka.admin("igrelay-ingress-webhooks-admin"))) {
            topics.ensure(admin, kafka.topics(), QUEUE_RETENTION);
        }
    }

    /** Starts following hub.webhooks and the store's topics (without waiting); the store's load future. */
    public CompletableFuture<Void> startViews() {
        CompletableFuture<Void> loaded = stores.start(topics);
        webhookReader.start();
        return loaded;
    }

    /** True once hub.webhooks was read (the registration routes answer 503 until then). */
    public boolean viewsLoaded() {
        return webhookReader.loaded();
    }

    /** Attaches the registration and log handlers to the hub API's OpenAPI routes (see ApiRouter.build). */
    public void attach(RouterBuilder builder) {
        new WebhookRoutes(store, policy, caller, cipher, auth,
                new WebhookLogRoutes(stores.log(), stores.jobs(), this::publishCommand, clock, storeWorkers,
                        stores::loaded), clock).attach(builder);
    }

    private Future<Void> publishCommand(String webhookId, WebhookCommand command) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        commandProducer.send(new ProducerRecord<>(topics.commands(), webhookId, command),
                (meta, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        done.fail(new HookError(503, HubErrorCode.INTERNAL,
                                "the request could not be stored, try again"));
                    } else {
                        done.complete();
                    }
                }));
        return done.future();
    }

    @Override
    public void close() {
        webhookReader.close();
        caller.close();
        avroProducer.close(Duration.ofSeconds(5));
        commandProducer.close(Duration.ofSeconds(5));
        storeWorkers.close();
        stores.close(); // last: nothing reads or writes the store any more
    }
}
