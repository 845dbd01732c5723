package io.igrelay.ingress.deletion;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.ingress.meta.SignedRequestVerifier;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Assembles the Meta callbacks once per process: the signed_request verifier, the views they read (channels by
 * app-scoped user, deletion statuses), the routes and the operator's import of Meta's deletion list. Start-up registers the two value schemas so no request waits
 * on the registry, and waits (bounded) for the views to catch up.
 */
public final class MetaCallbacks implements AutoCloseable {

    private final ChannelRegistryView channels;
    private final DeletionStatusView statuses;
    private final MetaCallbackRoutes routes;
    private final DeletionListImport deletionImport;
    private final Serializer<DeletionRequest> deletionSerializer;
    private final Serializer<ChannelEvent> eventSerializer;
    private final String deletionsTopic;
    private final String eventsTopic;
    private volatile boolean warmed;

    /** @param channels the ingress's channel registry view, started and closed by its owner */
    public MetaCallbacks(IngressConfig config, AvroSerdes serdes, Producer<byte[], byte[]> producer,
                         ChannelRegistryView channels, MeterRegistry registry, Clock clock) {
        TopicLayout topics = config.kafka().topics();
        Properties consumer = config.kafka().consumer("igrelay-ingress-views-" + config.intake().instanceId(),
                "unused");
        this.channels = channels;
        this.statuses = new DeletionStatusView(topics.name(Topics.DELETIONS), topics.name(Topics.DELETION_STATUS),
                consumer, serdes.deserializer(DeletionRequest.class), serdes.deserializer(DeletionStatus.class));
        this.deletionSerializer = serdes.forType(DeletionRequest.class).serializer();
        this.eventSerializer = serdes.forType(ChannelEvent.class).serializer();
        this.deletionsTopic = topics.name(Topics.DELETIONS);
        this.eventsTopic = topics.name(Topics.CHANNEL_EVENTS);
        var sink = new MetaCallbackRoutes.Sink(producer, deletionsTopic, deletionSerializer, eventsTopic,
                eventSerializer);
        var verifier = new SignedRequestVerifier(AppSecret.from(config.meta()),
                config.intake().signedRequestMaxAge(), clock);
        this.routes = new MetaCallbackRoutes(verifier, sink, statuses, channels, config.publicBaseUrl(), clock,
                registry);
        this.deletionImport = new DeletionListImport(AppSecret.from(config.meta()), sink, statuses,
                config.publicBaseUrl() + MetaCallbackRoutes.DELETION_PATH, clock, registry);
    }

    /** Reports the deletion status view into the ingress's health (before {@link #startViews}). */
    public MetaCallbacks reportInto(HealthMonitor health) {
        statuses.reportInto(health);
        return this;
    }

    /** Starts reading ig.deletions and ig.deletion.status (once the topics exist); does not wait. */
    public CompletableFuture<Void> startViews() {
        return statuses.start();
    }

    /**
     * Blocking start-up step, never on an event loop: registers the schemas the callbacks write, so that no request
     * waits for the registry; throws while it is away.
     */
    public void warmUp() {
        warm(deletionSerializer, deletionsTopic, DeletionRequest.newBuilder().setConfirmationCode("warm-up")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("0").setRequestedAt(Instant.EPOCH)
                .build());
        warm(eventSerializer, eventsTopic, ChannelEvent.newBuilder().setEventId("warm-up").setChannelId("warm-up")
                .setType(ChannelEventType.DISCONNECTED).setAt(Instant.EPOCH).build());
        warmed = true;
    }

    /** True once the schemas are registered and the deletion statuses read (the callbacks answer 503 until then). */
    public boolean ready() {
        return warmed && statuses.loaded();
    }

    public MetaCallbackRoutes routes() {
        return routes;
    }

    /** The operator's import of Meta's deletion list, on the management router after its /admin guard. */
    public void mountAdmin(Router managementRouter) {
        deletionImport.mount(managementRouter);
    }

    public ChannelRegistryView channels() {
        return channels;
    }

    private static <T> Serializer<T> warm(Serializer<T> serializer, String topic, T sample) {
        serializer.serialize(topic, sample); // registers the schema now; the id is cached for requests
        return serializer;
    }

    @Override
    public void close() {
        statuses.close();
    }
}
