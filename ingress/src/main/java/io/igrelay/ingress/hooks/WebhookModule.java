package io.igrelay.ingress.hooks;

import io.igrelay.avro.Webhook;
import io.igrelay.ingress.apps.CompactedTopicReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * The Application-webhook registration API as one piece for IngressService (issue 8): its producers
 * (hub.webhook.events in Avro, hub.webhook.commands in JSON), its views (hub.webhooks, hub.webhook.log, and the
 * jobs of hub.webhook.commands + hub.webhook.jobs), all rebuilt from the topics at every start, and the routes.
 * start() completes once the views caught up; mount() must run before the hub API's /v1/* sub-router.
 */
public final class WebhookModule implements AutoCloseable {

    /** The retention the dispatcher gives the webhook topics by default (WEBHOOK_QUEUE_RETENTION), if we start first. */
    private static final Duration QUEUE_RETENTION = Duration.ofDays(30);

    private final Vertx vertx;
    private final KafkaSettings kafka;
    private final TokenCipher cipher;
    private final ApplicationAuthenticator auth;
    private final Handler<RoutingContext> otherFailures;
    private final Clock clock;
    private final KafkaProducer<String, Object> avroProducer;
    private final KafkaProducer<String, byte[]> jsonProducer;
    private final WebhookStore store;
    private final AttemptLogView log = new AttemptLogView();
    private final JobView jobs = new JobView();
    private final CompactedTopicReader<Webhook> webhookReader;
    private final CompactedTopicReader<byte[]> logReader;
    private final CompactedTopicReader<byte[]> commandReader;
    private final CompactedTopicReader<byte[]> jobReader;
    private final HubWebhookTopics topics;
    private final EndpointCaller caller;

    public WebhookModule(Vertx vertx, KafkaSettings kafka, AvroSerdes serdes, TokenCipher cipher,
            ApplicationAuthenticator auth, Handler<RoutingContext> otherFailures, Clock clock) {
        this.vertx = vertx;
        this.kafka = kafka;
        this.cipher = cipher;
        this.auth = auth;
        this.otherFailures = otherFailures;
        this.clock = clock;
        String prefix = kafka.topics().prefix();
        this.topics = HubWebhookTopics.of(kafka.topics());
        Properties producerProps = kafka.producer("igrelay-ingress-webhooks");
        producerProps.put("max.block.ms", "2000");
        producerProps.put("delivery.timeout.ms", "15000");
        producerProps.put("request.timeout.ms", "5000");
        this.avroProducer = new KafkaProducer<>(producerProps, new StringSerializer(), serdes.serializer());
        this.jsonProducer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        this.store = new WebhookStore(vertx, avroProducer, Topics.WEBHOOK_EVENTS.name(prefix));
        Properties views = kafka.consumer("igrelay-ingress-webhook-views", "unused");
        var webhooks = serdes.deserializer(Webhook.class);
        this.webhookReader = new CompactedTopicReader<>(Topics.WEBHOOKS.name(prefix), views,
                webhooks::deserialize, store::applyFolded);
        this.logReader = new CompactedTopicReader<>(topics.log(), views, (t, bytes) -> bytes, log::apply);
        this.commandReader = new CompactedTopicReader<>(topics.commands(), views, (t, bytes) -> bytes,
                jobs::applyCommand);
        this.jobReader = new CompactedTopicReader<>(topics.jobs(), views, (t, bytes) -> bytes, jobs::applyProgress);
        this.caller = new EndpointCaller(vertx, new EndpointPolicy(kafka.devMode()), Duration.ofSeconds(10), clock);
    }

    /** Creates the shared JSON topics if needed and reads the views; completes when the routes can answer. */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            try (Admin admin = Admin.create(kafka.admin("igrelay-ingress-webhooks-admin"))) {
                topics.ensure(admin, kafka.topics(), QUEUE_RETENTION);
            }
            CompletableFuture.allOf(webhookReader.start(), logReader.start(), commandReader.start(),
                    jobReader.start()).get(60, TimeUnit.SECONDS);
            return null;
        });
    }

    public void mount(Router router) {
        EndpointPolicy policy = new EndpointPolicy(kafka.devMode());
        new WebhookRoutes(store, policy, caller, cipher, auth, otherFailures,
                new WebhookLogRoutes(log, jobs, this::publishCommand, clock), clock).mount(router);
    }

    private Future<Void> publishCommand(String webhookId, io.vertx.core.json.JsonObject command) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        jsonProducer.send(new ProducerRecord<>(topics.commands(), webhookId, command.toBuffer().getBytes()),
                (meta, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        done.fail(new HookError(503, "INTERNAL", "the request could not be stored, try again"));
                    } else {
                        done.complete();
                    }
                }));
        return done.future();
    }

    @Override
    public void close() {
        webhookReader.close();
        logReader.close();
        commandReader.close();
        jobReader.close();
        caller.close();
        avroProducer.close(Duration.ofSeconds(5));
        jsonProducer.close(Duration.ofSeconds(5));
    }
}
