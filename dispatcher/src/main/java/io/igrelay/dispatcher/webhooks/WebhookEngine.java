package io.igrelay.dispatcher.webhooks;

import io.igrelay.avro.WebhookEvent;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.webhooks.contact.ContactCache;
import io.igrelay.dispatcher.webhooks.contact.ContactSource;
import io.igrelay.dispatcher.webhooks.contact.ContactTransport;
import io.igrelay.dispatcher.webhooks.contact.MetaContactSource;
import io.igrelay.dispatcher.webhooks.delivery.DeliveredSet;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryEngine;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryMetrics;
import io.igrelay.dispatcher.webhooks.delivery.EngineContext;
import io.igrelay.dispatcher.webhooks.delivery.EngineReports;
import io.igrelay.dispatcher.webhooks.delivery.QueueReplayer;
import io.igrelay.dispatcher.webhooks.delivery.RetryPolicy;
import io.igrelay.dispatcher.webhooks.delivery.SigningTransport;
import io.igrelay.dispatcher.webhooks.delivery.WebhookSender;
import io.igrelay.dispatcher.webhooks.state.WebhookDirectory;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.net.PublicEndpoints;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.webhooks.HubWebhookCodecs;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * The sending side of Application webhooks on one context of the process's Vertx: the QueueReplayer (catch-ups,
 * retries, replays), then the DeliveryEngine with its signing transport, its reports and its retry curve, each
 * from a named builder below; the replayer gets the engine per call, so neither holds the other. Wires the
 * directory's changes (disable, re-enable, delete) into the engine. Closed after the loops that feed it: the engine's
 * context stops before the producer it reports through.
 */
final class WebhookEngine implements AutoCloseable {

    /** Where the engine writes: the attempt log and the webhook events (DISABLED). */
    record Outputs(Properties producer, HubWebhookTopics topics, String eventsTopic, Serializer<WebhookEvent> avro) {
    }

    /**
     * Where Message events of includeContact webhooks get their contact profile: Meta's hosts (empty: nowhere, the
     * events carry `contact: null`) and the channels with their tokens. Profiles are kept an hour (the profile page
     * lets a business show them; they change seldom), at most WebhookSettings.Capacities#contactProfiles (100,000 by
     * default), and Meta gets 2 s to answer.
     */
    record Contacts(Optional<MetaSettings> meta, ChannelView channels) {
        static final Duration TTL = Duration.ofHours(1);
        static final Duration TIMEOUT = Duration.ofSeconds(2);
    }

    private final WebhookSettings settings;
    private final TokenCipher cipher;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HubWebhookCodecs codecs;
    private EngineContext context;
    private Producer<String, byte[]> producer;
    private WebhookSender sender;
    private WebClient contactClient;
    private DeliveryEngine engine;
    private QueueReplayer replayer;

    WebhookEngine(WebhookSettings settings, TokenCipher cipher, MeterRegistry registry, Clock clock,
            AvroSerdes serdes) {
        this.settings = settings;
        this.cipher = cipher;
        this.registry = registry;
        this.clock = clock;
        this.codecs = new HubWebhookCodecs(serdes);
    }

    /** The codecs of the hub's own webhook topics, for the engine's writes and the module's readers. */
    HubWebhookCodecs codecs() {
        return codecs;
    }

    void start(Vertx vertx, Outputs outputs, WebhookDirectory directory, DeliveredSet delivered,
            Supplier<KafkaConsumer<String, byte[]>> replayConsumers, Contacts contacts) {
        context = new EngineContext(vertx, clock);
        producer = new KafkaProducer<>(outputs.producer(), new StringSerializer(), new ByteArraySerializer());
        sender = new WebhookSender(vertx, new PublicEndpoints(settings.devMode(), settings.hub()),
                settings.httpTimeout(), clock);
        replayer = new QueueReplayer(replayConsumers, outputs.topics().queue(), context.context());
        engine = new DeliveryEngine(directory, transport(vertx, contacts), context,
                reports(outputs), replayer, retryPolicy(), delivered, clock, settings.engineLimits());
        directory.listen(target -> context.run(() -> engine.changed(target)
                .ifPresent(from -> replayer.since(target, from, engine))),
                id -> context.run(() -> engine.removed(id)));
    }

    /** Signs every delivery; adds the contact profile first where the webhook asked for it. */
    private ContactTransport transport(Vertx vertx, Contacts contacts) {
        ContactSource source = ContactSource.NONE;
        if (contacts.meta().isPresent()) {
            contactClient = WebClient.create(vertx);
            source = new MetaContactSource(contactClient, contacts.channels(), cipher, contacts.meta().get(),
                    Contacts.TIMEOUT);
        }
        return new ContactTransport(new SigningTransport(sender, cipher, clock), source,
                new ContactCache(Contacts.TTL, settings.capacities().contactProfiles(), clock), settings.maxBodyBytes(), registry);
    }

    private EngineReports reports(Outputs outputs) {
        String eventsTopic = outputs.eventsTopic();
        Serializer<WebhookEvent> avro = outputs.avro();
        return new EngineReports(producer, outputs.topics().log(), eventsTopic, e -> avro.serialize(eventsTopic, e),
                codecs.log(), new DeliveryMetrics(registry));
    }

    private RetryPolicy retryPolicy() {
        return new RetryPolicy(settings.retryInitial(), settings.retryMax(), settings.retryHorizon(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    Producer<String, byte[]> producer() {
        return producer;
    }

    DeliveryEngine engine() {
        return engine;
    }

    Context context() {
        return context.context();
    }

    QueueReplayer replayer() {
        return replayer;
    }

    @Override
    public void close() {
        if (replayer != null) {
            replayer.close();
        }
        if (context != null) {
            context.close(); // no retry fires from here on
        }
        if (sender != null) {
            sender.close();
        }
        if (contactClient != null) {
            contactClient.close();
        }
        if (context != null) {
            context.drain(); // the answers the closed client failed are through before the producer closes
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
