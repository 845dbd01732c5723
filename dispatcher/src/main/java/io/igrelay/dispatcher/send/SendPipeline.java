package io.igrelay.dispatcher.send;

import io.igrelay.avro.Channel;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphCall;
import io.igrelay.dispatcher.graph.GraphRequestFactory;
import io.igrelay.dispatcher.graph.UnsendableCommandException;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.Backoff;
import io.igrelay.dispatcher.state.ChannelDirectory;
import io.igrelay.dispatcher.state.DispatchLedger;
import io.igrelay.schemas.crypto.TokenCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One attempt at one dispatch record (SPEC 6.2, 6.3): skip it if the ledger holds it, fail it without a call past
 * notAfter or when the channel may not send, wait for the account's bucket, put an attempt record on the ledger
 * before the first call, make the calls in order and queue the outcome's records before returning (the commit waits
 * for them, see PendingWrites). A command an earlier run attempted without recording an outcome is a possible
 * duplicate when sent again. A transient failure throws RetryLater, so the worker is freed and the parallel consumer
 * brings the record back after the backoff, ahead of the conversation's later records.
 */
public final class SendPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SendPipeline.class);

    private final Deserializer<DispatchCommand> commands;
    private final DispatchLedger ledger;
    private final ChannelDirectory channels;
    private final TokenCipher cipher;
    private final GraphRequestFactory requests;
    private final SendApi graph;
    private final AccountRateLimiter limiter;
    private final Backoff backoff;
    private final Duration rateLimitPause;
    private final OutcomeWriter writer;
    private final SendMetrics metrics;
    private final Clock clock;
    private final Map<String, SendProgress> progress = new ConcurrentHashMap<>();

    public SendPipeline(Deserializer<DispatchCommand> commands, DispatchLedger ledger, ChannelDirectory channels,
            TokenCipher cipher, GraphRequestFactory requests, SendApi graph, AccountRateLimiter limiter,
            Backoff backoff, Duration rateLimitPause, OutcomeWriter writer, SendMetrics metrics, Clock clock) {
        this.commands = commands;
        this.ledger = ledger;
        this.channels = channels;
        this.cipher = cipher;
        this.requests = requests;
        this.graph = graph;
        this.limiter = limiter;
        this.backoff = backoff;
        this.rateLimitPause = rateLimitPause;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void handle(ConsumerRecord<String, byte[]> record) {
        DispatchCommand command;
        try {
            command = commands.deserialize(record.topic(), record.value());
            if (command == null) {
                throw new SerializationException("empty value");
            }
        } catch (SerializationException e) {
            LOG.warn("undecodable dispatch command {}-{}@{} goes to the DLQ: {}", record.topic(), record.partition(),
                    record.offset(), abbreviate(e.getMessage()));
            writer.deadLetterUndecodable(record, "undecodable DispatchCommand: " + e.getMessage(), e);
            metrics.deadLetter();
            metrics.outcome("dead_lettered");
            return;
        }
        String id = record.topic() + "-" + record.partition() + "@" + record.offset();
        SendProgress known = progress.get(id);
        boolean rewriting = known != null && known.decided != null; // our own half-written outcome: finish it
        Optional<SendRecord> covered = rewriting ? Optional.empty()
                : ledger.covering(record.key(), record.partition(), record.offset());
        if (covered.isPresent()) {
            metrics.ledgerSkip();
            if (covered.get().getDispatchOffset() == record.offset()) {
                writer.republish(command, covered.get());
            }
            return;
        }
        SendProgress state = progress.computeIfAbsent(id, k -> {
            SendProgress fresh = new SendProgress();
            // an earlier run recorded an attempt and no outcome: it crashed with the call in flight
            fresh.maybeAccepted = ledger.attempted(record.key(), record.partition(), record.offset());
            return fresh;
        });
        metrics.inFlight().incrementAndGet();
        try {
            if (state.decided == null) {
                state.decided = decide(record, command, state);
            }
            writer.write(record, command, state.decided);
            count(state.decided);
            progress.remove(id);
        } catch (OutcomeWriter.OutcomeNotRecordedException e) {
            LOG.warn("outcome of message {} not yet on Kafka, retrying the writes: {}", command.getMessageId(),
                    e.getMessage());
            throw new RetryLater("outcome not recorded", Duration.ofSeconds(1));
        } finally {
            metrics.inFlight().decrementAndGet();
        }
    }

    /** Drops the in-memory progress of revoked partitions; their new owner starts from the ledger. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            String prefix = partition.topic() + "-" + partition.partition() + "@";
            progress.keySet().removeIf(id -> id.startsWith(prefix));
        }
    }

    private FinalOutcome decide(ConsumerRecord<String, byte[]> record, DispatchCommand command,
            SendProgress state) {
        Instant now = clock.instant();
        if (!now.isBefore(command.getNotAfter())) {
            return FinalOutcome.failed("WINDOW_CLOSED", "the messaging window closed before the message could be sent",
                    state.attempts).withDecisionTime(now).withMids(state.mids);
        }
        ChannelDirectory.Check check = channels.check(command.getChannelId(), now);
        if (check.channel().isEmpty()) {
            return FinalOutcome.failed(check.errorCode(), check.reason(), state.attempts);
        }
        Channel channel = check.channel().get();
        List<GraphCall> calls;
        try {
            calls = requests.calls(command, channel.getFlavour(), cipher.decrypt(channel.getToken()));
        } catch (UnsendableCommandException e) {
            return FinalOutcome.failed(e.errorCode(), e.getMessage(), state.attempts);
        } catch (IllegalArgumentException e) {
            return FinalOutcome.failed("REAUTH_REQUIRED", "the channel's token cannot be decrypted", state.attempts);
        }
        while (state.callsDone < calls.size()) {
            Duration wait = limiter.tryAcquire(command.getIgAccountId(), AccountRateLimiter.rateClassOf(command));
            if (!wait.isZero()) {
                metrics.retry("throttled");
                throw new RetryLater("account bucket empty", wait);
            }
            if (!state.attemptRecorded) {
                recordAttempt(record, command, state);
            }
            state.attempts++;
            Instant callTime = clock.instant();
            CallOutcome outcome = graph.send(calls.get(state.callsDone));
            if (outcome instanceof CallOutcome.Delivered delivered) {
                delivered.metaMessageId().ifPresent(state.mids::add);
                state.callsDone++;
            } else if (outcome instanceof CallOutcome.Retry retry) {
                return retryOrGiveUp(command, state, retry);
            } else if (outcome instanceof CallOutcome.Failed failed) {
                return failed(state, failed, callTime);
            }
        }
        return FinalOutcome.sent(state.mids, state.attempts, state.maybeAccepted);
    }

    /** The attempt record goes to the ledger before Meta can have the message; without it, no call. */
    private void recordAttempt(ConsumerRecord<String, byte[]> record, DispatchCommand command, SendProgress state) {
        try {
            writer.recordAttempt(record, command, state.attempts);
            state.attemptRecorded = true;
        } catch (OutcomeWriter.OutcomeNotRecordedException e) {
            LOG.warn("attempt of message {} not recorded, calling later: {}", command.getMessageId(),
                    e.getMessage());
            throw new RetryLater("attempt not recorded", Duration.ofSeconds(1));
        }
    }

    private FinalOutcome retryOrGiveUp(DispatchCommand command, SendProgress state, CallOutcome.Retry retry) {
        state.maybeAccepted |= retry.maybeAccepted();
        if (retry.rateLimited()) {
            limiter.pause(command.getIgAccountId(), rateLimitPause);
        }
        if (backoff.allowsAnotherAttempt(state.attempts)) {
            state.retries++;
            metrics.retry(retry.rateLimited() ? "rate_limited" : "transient");
            Duration delay = backoff.delay(state.retries, ThreadLocalRandom.current());
            throw new RetryLater(retry.reason(), retry.rateLimited() ? max(delay, rateLimitPause) : delay);
        }
        String code = retry.rateLimited() ? "RATE_LIMITED" : "META_ERROR";
        return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts, Optional.of(code),
                Optional.of("gave up after " + state.attempts + " attempts: " + retry.reason()),
                retry.channelErrorCode(), true, Optional.empty(), state.maybeAccepted, false,
                Optional.of("retries exhausted after " + state.attempts + " attempts: " + retry.reason()));
    }

    private static FinalOutcome failed(SendProgress state, CallOutcome.Failed failed, Instant callTime) {
        boolean window = failed.kind() == CallOutcome.Kind.WINDOW_CLOSED;
        return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts, Optional.of(failed.errorCode()),
                Optional.of(failed.errorMessage()), failed.channelErrorCode(), false,
                window ? Optional.of(callTime) : Optional.empty(), state.maybeAccepted,
                failed.kind() == CallOutcome.Kind.TOKEN_INVALID, Optional.empty());
    }

    private void count(FinalOutcome outcome) {
        if (outcome.possibleDuplicate()) {
            metrics.possibleDuplicate();
        }
        if (outcome.deadLetterReason().isPresent()) {
            metrics.deadLetter();
            metrics.outcome("dead_lettered");
        } else if (outcome.outcome() == SendOutcome.SENT) {
            metrics.outcome("sent");
        } else if ("WINDOW_CLOSED".equals(outcome.errorCode().orElse(""))) {
            metrics.outcome("window_closed");
        } else {
            metrics.outcome("failed");
        }
    }

    private static String abbreviate(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
