package io.igrelay.dispatcher.send;

import io.igrelay.avro.Channel;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphRequest;
import io.igrelay.dispatcher.graph.GraphRequestFactory;
import io.igrelay.dispatcher.graph.UnsendableCommandException;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.RestrictionGate;
import io.igrelay.dispatcher.state.ChannelSendCheck;
import io.igrelay.dispatcher.state.DispatchLedger;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.serde.MalformedRecordException;
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
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One attempt at one dispatch record: skip it if the ledger holds it, fail it without a call past notAfter or when
 * the channel may not send, wait for the account's bucket, put an attempt record on the ledger before the first call,
 * make the calls in order and queue the outcome's records before returning (the commit waits for them, see
 * PendingWrites). A command an earlier run attempted without recording an outcome is a possible duplicate when sent
 * again. A transient failure throws RetryLater, so the worker is freed and the parallel consumer brings the record
 * back after the backoff, ahead of the conversation's later records. Failures follow the hub's FailurePolicy: a
 * malformed record is dead-lettered, a record held by an absent dependency (registry, Meta) is retried and never
 * skipped, and one that keeps failing otherwise fails with INTERNAL_ERROR and a dead letter after bounded attempts. An account
 * Meta restricted (RestrictionGate) fails its messages at once, retryable, without a call, until its pause ends.
 */
public final class SendPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SendPipeline.class);

    private final Deserializer<DispatchCommand> commands;
    private final DispatchLedger ledger;
    private final ChannelSendCheck channels;
    private final TokenCipher cipher;
    private final GraphRequestFactory requests;
    private final SendApi graph;
    private final AccountRateLimiter limiter;
    private final Backoff backoff;
    private final Duration rateLimitPause;
    private final OutcomeWriter writer;
    private final SendMetrics metrics;
    private final Clock clock;
    private final RestrictionGate restrictions;
    private final SendFailures failures;
    private final Map<String, SendProgress> progress = new ConcurrentHashMap<>();

    public SendPipeline(Deserializer<DispatchCommand> commands, DispatchLedger ledger, ChannelSendCheck channels,
            TokenCipher cipher, GraphRequestFactory requests, SendApi graph, AccountRateLimiter limiter,
            Backoff backoff, Duration rateLimitPause, OutcomeWriter writer, SendMetrics metrics, FailurePolicy policy,
            Probe probe, Clock clock, RestrictionGate restrictions) {
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
        this.failures = new SendFailures(policy, probe, clock);
        this.clock = clock;
        this.restrictions = restrictions;
    }

    public void handle(ConsumerRecord<String, byte[]> record) {
        String id = record.topic() + "-" + record.partition() + "@" + record.offset();
        DispatchCommand command;
        try {
            command = commands.deserialize(record.topic(), record.value());
            if (command == null) {
                throw new MalformedRecordException("empty value", record.topic(), -1);
            }
        } catch (RuntimeException e) {
            String reason = failures.retryOrGiveUp(id, e).reason();
            LOG.warn("undecodable dispatch command {}-{}@{} goes to the DLQ: {}", record.topic(), record.partition(),
                    record.offset(), abbreviate(reason));
            writer.deadLetterUndecodable(record, "undecodable DispatchCommand: " + reason, e);
            metrics.deadLetter();
            metrics.outcome("dead_lettered");
            failures.finished(id);
            return;
        }
        SendProgress known = progress.get(id);
        boolean rewriting = known != null && known.decided != null; // our own half-written outcome: finish it
        Optional<SendRecord> covered = rewriting ? Optional.empty()
                : ledger.covering(record.key(), record.partition(), record.offset());
        if (covered.isPresent()) {
            metrics.ledgerSkip();
            if (covered.get().getDispatchOffset() == record.offset()) {
                writer.republish(command, covered.get());
            }
            failures.finished(id);
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
                state.decided = decideGuarded(id, record, command, state);
            }
            writer.write(record, command, state.decided);
            count(state.decided);
            progress.remove(id);
            failures.finished(id);
        } catch (OutcomeWriter.OutcomeNotRecordedException e) {
            LOG.warn("outcome of message {} not yet on Kafka, retrying the writes: {}", command.getMessageId(),
                    e.getMessage());
            throw new RetryLater("outcome not recorded", Duration.ofSeconds(1));
        } finally {
            metrics.inFlight().decrementAndGet();
        }
    }

    /** decide(), with a failure that is neither Meta's answer nor flow control handled by the FailurePolicy. */
    private FinalOutcome decideGuarded(String id, ConsumerRecord<String, byte[]> record, DispatchCommand command,
            SendProgress state) {
        try {
            return decide(record, command, state);
        } catch (RetryLater e) {
            throw e;
        } catch (RuntimeException e) {
            FailurePolicy.DeadLetter giveUp = failures.retryOrGiveUp(id, e);
            LOG.warn("message {} fails after repeated internal errors: {}", command.getMessageId(), giveUp.reason());
            return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts,
                    Optional.of(HubErrorCode.INTERNAL_ERROR.name()), Optional.of("the message could not be processed"),
                    Optional.empty(), false, Optional.empty(), state.maybeAccepted, false,
                    Optional.of(giveUp.reason()));
        }
    }

    /** Drops the in-memory progress of revoked partitions; their new owner starts from the ledger. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            String prefix = partition.topic() + "-" + partition.partition() + "@";
            progress.keySet().removeIf(id -> id.startsWith(prefix));
            failures.forget(prefix);
        }
    }

    private FinalOutcome decide(ConsumerRecord<String, byte[]> record, DispatchCommand command,
            SendProgress state) {
        Instant now = clock.instant();
        if (!now.isBefore(command.getNotAfter())) {
            String why = state.metaAwayReason == null ? ""
                    : " (Meta could not be reached: " + state.metaAwayReason + ")";
            return FinalOutcome.failed(HubErrorCode.WINDOW_CLOSED.name(), "the messaging window closed before the "
                    + "message could be sent" + why, state.attempts).withDecisionTime(now).withMids(state.mids);
        }
        ChannelSendCheck.Check check = channels.check(command, now);
        if (check.channel().isEmpty()) {
            return FinalOutcome.failed(check.errorCode(), check.reason(), state.attempts);
        }
        Channel channel = check.channel().get();
        Optional<Instant> restricted = restrictions.restrictedUntil(command.getIgAccountId(), now);
        if (restricted.isPresent()) {
            return FinalOutcome.restricted(state, "Meta restricted this Instagram account; its sends pause until "
                    + restricted.get(), Optional.empty());
        }
        List<GraphRequest> calls;
        try {
            calls = requests.calls(command, channel.getFlavour(), cipher.decrypt(channel.getToken()));
        } catch (UnsendableCommandException e) {
            return FinalOutcome.failed(e.errorCode(), e.getMessage(), state.attempts);
        } catch (IllegalArgumentException e) {
            return FinalOutcome.failed(HubErrorCode.REAUTH_REQUIRED.name(), "the channel's token cannot be decrypted",
                    state.attempts);
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
            } else if (outcome instanceof CallOutcome.Failed failed
                    && failed.kind() == CallOutcome.Kind.ACCOUNT_RESTRICTED) {
                Instant until = restrictions.restrict(command.getIgAccountId(), callTime);
                metrics.accountRestricted();
                LOG.warn("account {} restricted by Meta ({}): its sends pause until {}", command.getIgAccountId(),
                        failed.channelErrorCode().orElse("?"), until);
                return FinalOutcome.restricted(state, failed.errorMessage(), failed.channelErrorCode());
            } else if (outcome instanceof CallOutcome.Failed failed) {
                return FinalOutcome.refusedByMeta(command, state, failed, callTime);
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
        state.metaAwayReason = retry.metaAway() ? retry.reason() : null;
        if (retry.metaAway() || backoff.allowsAnotherAttempt(state.attempts)) {
            state.retries++;
            if (!retry.rateLimited()) {
                failures.dependencyAway("Meta: " + retry.reason());
            }
            metrics.retry(retry.rateLimited() ? "rate_limited" : "transient");
            Duration delay = backoff.delay(state.retries, ThreadLocalRandom.current());
            throw new RetryLater(retry.reason(), retry.rateLimited() ? max(delay, rateLimitPause) : delay);
        }
        String code = retry.rateLimited() ? HubErrorCode.RATE_LIMITED.name() : HubErrorCode.META_ERROR.name();
        return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts, Optional.of(code),
                Optional.of("gave up after " + state.attempts + " attempts: " + retry.reason()),
                retry.channelErrorCode(), true, Optional.empty(), state.maybeAccepted, false,
                Optional.of("retries exhausted after " + state.attempts + " attempts: " + retry.reason()));
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
        } else if (HubErrorCode.WINDOW_CLOSED.name().equals(outcome.errorCode().orElse(""))) {
            metrics.outcome("window_closed");
        } else if (HubErrorCode.ACCOUNT_RESTRICTED.name().equals(outcome.errorCode().orElse(""))) {
            metrics.outcome("account_restricted");
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
