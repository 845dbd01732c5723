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
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.failure.Backoff;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Writes what a command came to, in the order that makes "never twice" hold (contract §6.3), without making the worker
 * wait for Kafka: the ledger record goes to the dispatch record's own partition of ig.dispatch.ledger; only once
 * the broker acknowledged it are the status, the token-invalid channel event and the dead letter sent (from one
 * follow-up thread, so statuses keep the order of their ledger records). The whole chain is one future registered
 * with PendingWrites, which the consumer's commit waits for. The attempt record before a command's first call is
 * the one write a worker does wait for: it must be on Kafka before Meta can have the message.
 */
public final class OutcomeWriter {

    private static final Duration ATTEMPT_ACK_TIMEOUT = Duration.ofSeconds(30);

    /** Topic names with the deployment's prefix. */
    public record TopicNames(String ledger, String status, String channelEvents, String deadLetters) {
    }

    private final Producer<String, Object> producer;
    private final TopicNames topics;
    private final DispatchLedger ledger;
    private final Executor followUps;
    private final PendingWrites pending;
    private final Clock clock;

    /** Runs a task after a delay; where a write Kafka refused is tried again. Throws once the writer is closing. */
    @FunctionalInterface
    public interface Retries {
        void schedule(Runnable task, Duration delay);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Backoff RETRY_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30),
            Integer.MAX_VALUE);

    private final Retries retries;

    /**
     * {@code followUps} runs the sends that follow a ledger acknowledgement; it must run tasks in order.
     * {@code retries} re-sends, after a backoff, a record whose send Kafka failed (the producer gave up on it).
     */
    public OutcomeWriter(Producer<String, Object> producer, TopicNames topics, DispatchLedger ledger,
            Executor followUps, Retries retries, PendingWrites pending, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.ledger = ledger;
        this.followUps = followUps;
        this.retries = retries;
        this.pending = pending;
        this.clock = clock;
    }

    /**
     * Queues the outcome's records and returns; the returned future (also tracked by PendingWrites) completes when
     * all of them are acknowledged. Throws OutcomeNotRecordedException if the ledger record cannot even be queued.
     */
    public CompletableFuture<Void> write(ConsumerRecord<String, byte[]> source, DispatchCommand command,
            FinalOutcome outcome) {
        Instant now = clock.instant();
        SendRecord entry = SendRecord.newBuilder()
                .setMessageId(command.getMessageId()).setConversationKey(source.key())
                .setDispatchPartition(source.partition()).setDispatchOffset(source.offset())
                .setOutcome(outcome.outcome()).setMetaMessageIds(outcome.metaMessageIds())
                .setAttempts(outcome.attempts()).setErrorCode(outcome.errorCode().orElse(null))
                .setPossibleDuplicate(outcome.possibleDuplicate()).setAt(now).build();
        List<ProducerRecord<String, Object>> followUp = new ArrayList<>();
        followUp.add(new ProducerRecord<>(topics.status(), command.getIgsid(), status(command, outcome, now)));
        if (outcome.tokenInvalid()) {
            followUp.add(new ProducerRecord<>(topics.channelEvents(), command.getChannelId(),
                    tokenInvalid(command, outcome, now)));
        }
        outcome.deadLetterReason().ifPresent(reason -> followUp.add(new ProducerRecord<>(
                topics.deadLetters(), command.getMessageId(), deadLetter(source, reason, null, now))));

        CompletableFuture<Void> done = new CompletableFuture<>();
        ProducerRecord<String, Object> ledgerRecord = new ProducerRecord<>(topics.ledger(), source.partition(),
                source.key(), entry);
        send(ledgerRecord, retrying(ledgerRecord, 1, done, () -> {
            ledger.remember(entry);
            try {
                followUps.execute(() -> sendAll(followUp, done));
            } catch (RuntimeException e) { // the writer is closing
                done.completeExceptionally(new OutcomeNotRecordedException(e));
            }
        }));
        pending.track(done);
        return done;
    }

    /**
     * Records, and waits until Kafka has, that the first Send API call for this command is about to be made. Throws
     * OutcomeNotRecordedException if it cannot; then no call is made.
     */
    public void recordAttempt(ConsumerRecord<String, byte[]> source, DispatchCommand command, int attemptsSoFar) {
        SendRecord attempt = DispatchLedger.attempt(command.getMessageId(), source.key(), source.partition(),
                source.offset(), attemptsSoFar, clock.instant());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        send(new ProducerRecord<>(topics.ledger(), source.partition(), source.key(), attempt),
                (metadata, error) -> complete(acked, error));
        try {
            acked.get(ATTEMPT_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeNotRecordedException(e);
        } catch (Exception e) {
            throw new OutcomeNotRecordedException(e);
        }
        ledger.remember(attempt);
    }

    /** Re-publishes the status of a command the ledger holds (its status write may have been cut off by a crash). */
    public CompletableFuture<Void> republish(DispatchCommand command, SendRecord recorded) {
        FinalOutcome outcome = recorded.getOutcome() == SendOutcome.SENT
                ? FinalOutcome.sent(recorded.getMetaMessageIds(), recorded.getAttempts(), false)
                : FinalOutcome.failed(recorded.getErrorCode() == null ? HubErrorCode.META_ERROR.name()
                        : recorded.getErrorCode(), "recorded failure", recorded.getAttempts());
        return tracked(List.of(new ProducerRecord<>(topics.status(), command.getIgsid(),
                status(command, outcome, recorded.getAt()))));
    }

    /** A record that is not a DispatchCommand at all: only a dead letter, nothing else can be said about it. */
    public CompletableFuture<Void> deadLetterUndecodable(ConsumerRecord<String, byte[]> source, String reason,
            Throwable error) {
        return tracked(List.of(new ProducerRecord<>(topics.deadLetters(), null,
                deadLetter(source, reason, error, clock.instant()))));
    }

    private CompletableFuture<Void> tracked(List<ProducerRecord<String, Object>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sendAll(records, done);
        pending.track(done);
        return done;
    }

    /**
     * Sends the records and completes {@code done} when all are acknowledged, or with the first failure; throws if
     * a record cannot even be queued.
     */
    private void sendAll(List<ProducerRecord<String, Object>> records, CompletableFuture<Void> done) {
        AtomicInteger remaining = new AtomicInteger(records.size());
        if (records.isEmpty()) {
            done.complete(null);
            return;
        }
        for (ProducerRecord<String, Object> record : records) {
            Callback callback = retrying(record, 1, done, () -> {
                if (remaining.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
            try {
                producer.send(record, callback);
            } catch (RuntimeException e) {
                callback.onCompletion(null, e);
            }
        }
    }

    /**
     * A callback that runs {@code acked} once Kafka has the record and otherwise sends the same record again after
     * a backoff (100 ms doubling to 30 s), for as long as it takes: the producer only fails a send after its own
     * retries and delivery timeout, and an outcome Kafka never took must not be committed past (PendingWrites keeps
     * the commit waiting meanwhile). Only the failed record is sent again, so no acknowledged record is repeated;
     * once the writer is closing, {@code done} fails instead, as after a crash.
     */
    private Callback retrying(ProducerRecord<String, Object> record, int attempt, CompletableFuture<Void> done,
            Runnable acked) {
        return (metadata, error) -> {
            if (error == null) {
                acked.run();
                return;
            }
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warn("write to {} failed (attempt {}), sending it again: {}", record.topic(), attempt,
                        error.toString());
            }
            Callback next = retrying(record, attempt + 1, done, acked);
            try {
                retries.schedule(() -> {
                    try {
                        producer.send(record, next);
                    } catch (RuntimeException e) {
                        next.onCompletion(null, e);
                    }
                }, backoff(attempt));
            } catch (RuntimeException closing) {
                done.completeExceptionally(new OutcomeNotRecordedException(error));
            }
        };
    }

    static Duration backoff(int attempt) {
        return RETRY_BACKOFF.ceiling(attempt);
    }

    /** A send that fails before it is queued (serialization, registry, closed producer) is a failed write too. */
    private void send(ProducerRecord<String, Object> record, Callback callback) {
        try {
            producer.send(record, callback);
        } catch (RuntimeException e) {
            throw new OutcomeNotRecordedException(e);
        }
    }

    private static void complete(CompletableFuture<Void> future, Exception error) {
        if (error == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(error);
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
                .setOriginalKey(source.key() == null ? null
                        : ByteBuffer.wrap(source.key().getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setTopic(source.topic()).setPartition(source.partition()).setOffset(source.offset())
                .setReason(reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setAt(at).build();
    }

    /** Kafka did not take an outcome record; the pipeline retries the writes, never the Send API call. */
    public static final class OutcomeNotRecordedException extends RuntimeException {
        OutcomeNotRecordedException(Throwable cause) {
            super("outcome could not be written to Kafka: " + cause, cause);
        }
    }
}
