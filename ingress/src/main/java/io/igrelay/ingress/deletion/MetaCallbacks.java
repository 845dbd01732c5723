package io.igrelay.ingress.deletion;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.ingress.IngressConfig;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.ingress.meta.SignedRequestVerifier;
import io.igrelay.ingress.registry.ChannelRegistryView;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the Meta callbacks once per process: the signed_request verifier, the views they read (channels by
 * app-scoped user, deletion statuses) and the routes. Start-up registers the two value schemas so no request waits
 * on the registry, and waits (bounded) for the views to catch up.
 */
public final class MetaCallbacks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetaCallbacks.class);

    private final ChannelRegistryView channels;
    private final DeletionStatusView statuses;
    private final MetaCallbackRoutes routes;

    /** @param channels the ingress's channel registry view, started and closed by its owner */
    public MetaCallbacks(IngressConfig config, AvroSerdes serdes, Producer<byte[], byte[]> producer,
                         ChannelRegistryView channels, MeterRegistry registry, Clock clock) {
        TopicLayout topics = config.kafka().topics();
        Properties consumer = config.kafka().consumer("igrelay-ingress-views-" + config.intake().instanceId(),
                "unused");
        this.channels = channels;
        this.statuses = new DeletionStatusView(topics.name(Topics.DELETIONS), topics.name(Topics.DELETION_STATUS),
                consumer, serdes.deserializer(DeletionRequest.class), serdes.deserializer(DeletionStatus.class));
        var sink = new MetaCallbackRoutes.Sink(producer,
                topics.name(Topics.DELETIONS), warm(serdes.forType(DeletionRequest.class).serializer(),
                        topics.name(Topics.DELETIONS), DeletionRequest.newBuilder().setConfirmationCode("warm-up")
                                .setSubjectType(io.igrelay.avro.DeletionSubject.APP_SCOPED_USER).setSubjectId("0")
                                .setRequestedAt(Instant.EPOCH).build()),
                topics.name(Topics.CHANNEL_EVENTS), warm(serdes.forType(ChannelEvent.class).serializer(),
                        topics.name(Topics.CHANNEL_EVENTS), ChannelEvent.newBuilder().setEventId("warm-up")
                                .setChannelId("warm-up").setType(io.igrelay.avro.ChannelEventType.DISCONNECTED)
                                .setAt(Instant.EPOCH).build()));
        var verifier = new SignedRequestVerifier(AppSecret.from(config.meta()),
                config.intake().signedRequestMaxAge(), clock);
        this.routes = new MetaCallbackRoutes(verifier, sink, statuses, channels, config.publicBaseUrl(), clock,
                registry);
        try {
            statuses.start().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("deletion status view not caught up at start ({}); they keep reading", e.toString());
        }
    }

    public MetaCallbackRoutes routes() {
        return routes;
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
