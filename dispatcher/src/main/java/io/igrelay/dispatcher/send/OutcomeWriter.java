package io.igrelay.dispatcher.send;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.state.DispatchLedger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/*
 * Writes what a command came to, in the order that makes "never twice" hold (SPEC 6.3): first the ledger record
 * (to the dispatch record's own partition of ig.dispatch.ledger) and its acknowledgement, then the status, the
 * token-invalid channel event and the dead letter, all acknowledged before the worker returns, so the offset is
 * committed only after everything is on Kafka.
 */
public final class OutcomeWriter {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    /** Topic names with the deployment's prefix. */
    public record TopicNames(String ledger, String status, String channelEvents, String deadLetters) {
    }

    private final Producer<String, Object> producer;
    private final TopicNames topics;
    private final DispatchLedger ledger;
    private final Clock clock;

    public OutcomeWriter(Producer<String, Object> producer, TopicNames topics, DispatchLedger ledger, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void write(ConsumerRecord<String, byte[]> source, DispatchCommand command, FinalOutcome outcome) {
        Instant now = clock.instant();
        SendRecord entry = SendRecord.newBuilder()
                .setMessageId(command.getMessageId()).setConversationKey(source.key())
                .setDispatchPartition(source.partition()).setDispatchOffset(source.offset())
                .setOutcome(outcome.outcome()).setMetaMessageIds(outcome.metaMessageIds())
                .setAttempts(outcome.attempts()).setErrorCode(outcome.errorCode().orElse(null))
                .setPossibleDuplicate(outcome.possibleDuplicate()).setAt(now).build();
        await(List.of(send(new ProducerRecord<>(topics.ledger(), source.partition(), source.key(), entry))));
        ledger.remember(entry);

        List<Future<?>> acks = new ArrayList<>();
        acks.add(send(new ProducerRecord<>(topics.status(), command.getIgsid(), status(command, outcome, now))));
        if (outcome.tokenInvalid()) {
            acks.add(send(new ProducerRecord<>(topics.channelEvents(), command.getChannelId(),
                    tokenInvalid(command, outcome, now))));
        }
        outcome.deadLetterReason().ifPresent(reason -> acks.add(send(new ProducerRecord<>(
                topics.deadLetters(), command.getMessageId(), deadLetter(source, reason, null, now)))));
        await(acks);
    }

    /** Re-publishes the status of a command the ledger holds (its status write may have been cut off by a crash). */
    public void republish(DispatchCommand command, SendRecord recorded) {
        FinalOutcome outcome = recorded.getOutcome() == SendOutcome.SENT
                ? FinalOutcome.sent(recorded.getMetaMessageIds(), recorded.getAttempts(), false)
                : FinalOutcome.failed(recorded.getErrorCode() == null ? "META_ERROR" : recorded.getErrorCode(),
                        "recorded failure", recorded.getAttempts());
        await(List.of(send(new ProducerRecord<>(topics.status(), command.getIgsid(),
                status(command, outcome, recorded.getAt())))));
    }

    /** A record that is not a DispatchCommand at all: only a dead letter, nothing else can be said about it. */
    public void deadLetterUndecodable(ConsumerRecord<String, byte[]> source, String reason, Throwable error) {
        await(List.of(send(new ProducerRecord<>(topics.deadLetters(), null,
                deadLetter(source, reason, error, clock.instant())))));
    }

    /** A send that fails before it is queued (serialization, registry, closed producer) is a failed write too. */
    private Future<?> send(ProducerRecord<String, Object> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            throw new OutcomeNotRecordedException(e);
        }
    }

    private static MessageStatus status(DispatchCommand command, FinalOutcome outcome, Instant at) {
        boolean sent = outcome.outcome() == SendOutcome.SENT;
        return MessageStatus.newBuilder()
                .setMessageId(command.getMessageId()).setApplicationId(command.getApplicationId())
                .setChannelId(command.getChannelId()).setTo(command.getIgsid())
                .setStatus(sent ? DeliveryState.SENT : DeliveryState.FAILED)
                .setErrorCode(outcome.errorCode().orElse(null)).setErrorMessage(outcome.errorMessage().orElse(null))
                .setChannelErrorCode(outcome.channelErrorCode().orElse(null))
                .setRetryable(sent ? null : outcome.retryable()).setMetaMessageIds(outcome.metaMessageIds())
                .setDecisionTime(outcome.decisionTime().orElse(null)).setAt(at).build();
    }

    private static ChannelEvent tokenInvalid(DispatchCommand command, FinalOutcome outcome, Instant at) {
        return ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(command.getChannelId()).setType(ChannelEventType.TOKEN_INVALID)
                .setApplicationId(command.getApplicationId()).setIgUserId(command.getIgAccountId())
                .setFlavour(command.getFlavour())
                .setReason("Send API refused the token (" + outcome.channelErrorCode().orElse("190") + ")")
                .setAt(at).build();
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> source, String reason, Throwable error,
            Instant at) {
        return DeadLetter.newBuilder()
                .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setTopic(source.topic()).setPartition(source.partition()).setOffset(source.offset())
                .setReason(reason.length() > 1000 ? reason.substring(0, 1000) : reason).setErrorClass(error == null ? null : error.getClass().getName())
                .setAt(at).build();
    }

    private static void await(List<? extends Future<?>> acks) {
        try {
            for (Future<?> ack : acks) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new OutcomeNotRecordedException(e);
        }
    }

    /** Kafka did not take an outcome record; the pipeline retries the writes, never the Send API call. */
    public static final class OutcomeNotRecordedException extends RuntimeException {
        OutcomeNotRecordedException(Throwable cause) {
            super("outcome could not be written to Kafka: " + cause, cause);
        }
    }
}
