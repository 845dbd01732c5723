package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.schemas.webhooks.AttemptLogCodec;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Publishes what the engine reports: every attempt to hub.webhook.log (through AttemptLogCodec; the local store
 * indexes it when the log is read back; a retry command waits for that), and a disable as a DISABLED WebhookEvent
 * on hub.webhook.events for the processor to fold (the dispatcher never writes hub.webhooks itself).
 */
public final class EngineReports implements EngineListener {

    private static final Logger LOG = LoggerFactory.getLogger(EngineReports.class);

    private final Producer<String, byte[]> producer;
    private final String logTopic;
    private final String eventsTopic;
    private final Function<WebhookEvent, byte[]> avro;
    private final AttemptLogCodec logCodec;
    private final DeliveryMetrics metrics;

    public EngineReports(Producer<String, byte[]> producer, String logTopic, String eventsTopic,
            Function<WebhookEvent, byte[]> avro, AttemptLogCodec logCodec, DeliveryMetrics metrics) {
        this.producer = producer;
        this.logTopic = logTopic;
        this.eventsTopic = eventsTopic;
        this.avro = avro;
        this.logCodec = logCodec;
        this.metrics = metrics;
    }

    @Override
    public void attempted(AttemptRecord record) {
        metrics.attempted(record);
        try {
            producer.send(new ProducerRecord<>(logTopic, record.webhookId(),
                    logCodec.encode(logTopic, record.toAvro())), (m, e) -> {
                        if (e != null) {
                            LOG.warn("attempt log write failed for webhook {}: {}", record.webhookId(),
                                    e.toString());
                        }
                    });
        } catch (IllegalStateException closed) {
            // an answer that arrives while the dispatcher stops: its event's queue offset is not committed, so the
            // event is attempted again after the restart; only this attempt's log line is lost
            LOG.info("attempt of webhook {} answered while stopping; not logged ({})", record.webhookId(),
                    closed.getMessage());
        }
    }

    @Override
    public void disable(WebhookTarget target, String reason, Instant at) {
        metrics.disabled();
        LOG.info("disabling webhook {}: {}", target.webhookId(), reason);
        WebhookEvent event = WebhookEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setWebhookId(target.webhookId()).setApplicationId(target.applicationId())
                .setType(WebhookEventType.DISABLED).setReason(reason).setAt(at).build();
        producer.send(new ProducerRecord<>(eventsTopic, target.webhookId(), avro.apply(event)), (m, e) -> {
            if (e != null) {
                LOG.warn("webhook event write failed for {}: {}", target.webhookId(), e.toString());
            }
        });
    }
}
