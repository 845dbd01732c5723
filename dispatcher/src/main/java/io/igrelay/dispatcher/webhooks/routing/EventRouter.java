package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.dispatcher.webhooks.envelope.CommentEnvelope;
import io.igrelay.dispatcher.webhooks.envelope.EnvelopeFactory;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/*
 * Turns one record of ig.events or ig.message.status into the webhook events it means: a Message envelope for an
 * inbound item (a Comment envelope for a comment), for the Application ContentRouting names (none for a disconnected or
 * superseded channel), MessageStatus envelopes for a status change that moves forward (StatusGate). `createdAt` is the
 * source record's time, so re-routing after a crash yields the same envelope. A record that does not decode throws: the
 * router loop's FailurePolicy dead-letters a malformed one and holds one whose schema cannot be fetched.
 */
public final class EventRouter {

    private final String eventsTopic;
    private final Deserializer<InstagramEvent> events;
    private final Deserializer<MessageStatus> statuses;
    private final Function<InstagramEvent, Optional<String>> applicationFor;
    private final StatusGate gate;

    public EventRouter(String eventsTopic, Deserializer<InstagramEvent> events,
            Deserializer<MessageStatus> statuses, Function<InstagramEvent, Optional<String>> applicationFor,
            StatusGate gate) {
        this.eventsTopic = eventsTopic;
        this.events = events;
        this.statuses = statuses;
        this.applicationFor = applicationFor;
        this.gate = gate;
    }

    public List<QueuedEvent> route(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return List.of();
        }
        Instant createdAt = Instant.ofEpochMilli(record.timestamp());
        if (record.topic().equals(eventsTopic)) {
            InstagramEvent event = events.deserialize(record.topic(), record.value());
            return applicationFor.apply(event)
                    .flatMap(app -> event.getKind() == EventKind.COMMENT
                            ? CommentEnvelope.of(event, app, createdAt)
                            : EnvelopeFactory.message(event, app, createdAt))
                    .map(List::of).orElse(List.of());
        }
        MessageStatus status = statuses.deserialize(record.topic(), record.value());
        if (status.getApplicationId() == null) {
            return List.of();
        }
        List<QueuedEvent> out = new ArrayList<>(2);
        for (StatusGate.Transition t : gate.accept(status.getMessageId(), status.getStatus())) {
            MessageStatus shown = t.synthetic() ? synthetic(status) : status;
            out.add(EnvelopeFactory.status(shown, t.previous(), createdAt));
        }
        return out;
    }

    /** Restores the gate from an event this router published before (read back from the queue). */
    public void remember(QueuedEvent event) {
        if (QueuedEvent.MESSAGE_STATUS.equals(event.eventType()) && event.status() != null) {
            gate.remember(event.messageId(), DeliveryState.valueOf(event.status().toUpperCase()));
        }
    }

    private static MessageStatus synthetic(MessageStatus status) {
        return MessageStatus.newBuilder(status).setStatus(DeliveryState.ENQUEUED).setErrorCode(null)
                .setErrorMessage(null).setChannelErrorCode(null).setRetryable(null).build();
    }
}
