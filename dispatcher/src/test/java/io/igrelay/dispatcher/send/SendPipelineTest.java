package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.state.DispatchLedger;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/* The pipeline's rules, one per test: ledger first, no call when it must not, the right status and side records. */
class SendPipelineTest {

    private final PipelineFixture f = new PipelineFixture();

    @Test
    void shouldRecordTheAttemptThenTheLedgerOutcomeThenTheSentStatus() {
        f.pipeline.handle(f.record(Commands.text("hello")));

        assertThat(f.producer.history()).extracting(r -> r.topic())
                .containsExactly("ig.dispatch.ledger", "ig.dispatch.ledger", "ig.message.status");
        assertThat(DispatchLedger.isAttempt((SendRecord) f.written("ig.dispatch.ledger").get(0))).isTrue();
        SendRecord ledger = f.outcomes().get(0);
        assertThat(ledger.getOutcome()).isEqualTo(SendOutcome.SENT);
        assertThat(ledger.getDispatchOffset()).isZero();
        assertThat(f.producer.history()).allSatisfy(r -> {
            if (r.topic().equals("ig.dispatch.ledger")) {
                assertThat(r.partition()).isZero();
            }
        });
        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.SENT);
        assertThat(status.getMetaMessageIds()).containsExactly("mid-1");
        assertThat(f.counter("igrelay.dispatcher.sends", "outcome", "sent")).isEqualTo(1);
    }

    @Test
    void shouldSkipACommandTheLedgerAlreadyHolds() {
        DispatchCommand first = Commands.text("one");
        ConsumerRecord<String, byte[]> record = f.record(first);
        f.pipeline.handle(record);
        f.calls.clear();

        f.pipeline.handle(record); // redelivered after a restart

        assertThat(f.calls).isEmpty();
        assertThat(f.counter("igrelay.dispatcher.ledger.skipped")).isEqualTo(1);
    }

    @Test
    void shouldFailWindowClosedWithoutACallPastNotAfter() {
        DispatchCommand late = Commands.of(new io.igrelay.avro.TextContent("late"))
                .setNotAfter(PipelineFixture.NOW.minusSeconds(1)).build();

        f.pipeline.handle(f.record(late));

        assertThat(f.calls).isEmpty();
        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(status.getDecisionTime()).isEqualTo(PipelineFixture.NOW);
    }

    @Test
    void shouldFailWithoutACallWhenTheChannelNeedsReauthorisation() {
        f.channel(ChannelStatus.REAUTH_REQUIRED);

        f.pipeline.handle(f.record(Commands.text("hi")));

        assertThat(f.calls).isEmpty();
        assertThat(((MessageStatus) f.written("ig.message.status").get(0)).getErrorCode())
                .isEqualTo("REAUTH_REQUIRED");
    }

    @Test
    void shouldPublishTokenInvalidChannelEventOn190() {
        f.script.add(new CallOutcome.Failed("REAUTH_REQUIRED", "expired", Optional.of("190/463"),
                CallOutcome.Kind.TOKEN_INVALID));

        f.pipeline.handle(f.record(Commands.text("hi")));

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getChannelErrorCode()).isEqualTo("190/463");
        ChannelEvent event = (ChannelEvent) f.written("ig.channel.events").get(0);
        assertThat(event.getType()).isEqualTo(ChannelEventType.TOKEN_INVALID);
        assertThat(event.getChannelId()).isEqualTo(Commands.CHANNEL);
        assertThat(f.written("ig.outbound.dlq")).isEmpty();
    }

    @Test
    void shouldCarryTheCallTimeAsDecisionTimeOnMetasWindowError() {
        f.script.add(new CallOutcome.Failed("WINDOW_CLOSED", "outside window", Optional.of("10/2534022"),
                CallOutcome.Kind.WINDOW_CLOSED));

        f.pipeline.handle(f.record(Commands.text("hi")));

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(status.getChannelErrorCode()).isEqualTo("10/2534022");
        assertThat(status.getDecisionTime()).isEqualTo(PipelineFixture.NOW);
    }

    @Test
    void shouldFailAPrivateReplyMetaFindsTooLateAsExpiredWithoutClosingTheWindow() {
        f.script.add(new CallOutcome.Failed("WINDOW_CLOSED", "outside window", Optional.of("10/2534022"),
                CallOutcome.Kind.WINDOW_CLOSED));
        DispatchCommand reply = Commands.of(new TextContent("It is 49 EUR"))
                .setComment(new CommentAction("17919697626119712", CommentActionKind.PRIVATE_REPLY)).build();

        f.pipeline.handle(f.record(reply));

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getErrorCode()).isEqualTo("PRIVATE_REPLY_EXPIRED");
        assertThat(status.getChannelErrorCode()).isEqualTo("10/2534022");
        assertThat(status.getDecisionTime()).isNull();
    }

    @Test
    void shouldHandATransientFailureBackForALaterAttempt() {
        f.script.add(new CallOutcome.Retry("transient (2)", Optional.of("2"), false, false));
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        assertThat(f.outcomes()).isEmpty();
        assertThat(f.written("ig.message.status")).isEmpty();
        f.pipeline.handle(record);

        SendRecord ledger = f.outcomes().get(0);
        assertThat(ledger.getAttempts()).isEqualTo(2);
        assertThat(ledger.getOutcome()).isEqualTo(SendOutcome.SENT);
    }

    @Test
    void shouldDeadLetterWhenRetriesAreExhausted() {
        for (int i = 0; i < 3; i++) {
            f.script.add(new CallOutcome.Retry("transient (1)", Optional.of("1"), false, false));
        }
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        f.pipeline.handle(record);

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.getRetryable()).isTrue();
        DeadLetter dead = (DeadLetter) f.written("ig.outbound.dlq").get(0);
        assertThat(dead.getOffset()).isEqualTo(record.offset());
        assertThat(f.counter("igrelay.dispatcher.dlq")).isEqualTo(1);
    }

    @Test
    void shouldKeepRetryingWhileMetaIsAwayAndNeverDeadLetter() {
        for (int i = 0; i < 10; i++) {
            f.script.add(new CallOutcome.Retry("HTTP 503", Optional.empty(), false, false));
        }
        f.script.add(new CallOutcome.Retry("transient (2)", Optional.of("2"), false, false));
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        for (int i = 0; i < 11; i++) {
            assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        }
        f.pipeline.handle(record);

        SendRecord ledger = f.outcomes().get(0);
        assertThat(ledger.getOutcome()).isEqualTo(SendOutcome.SENT);
        assertThat(ledger.getAttempts()).isEqualTo(12);
        assertThat(f.written("ig.outbound.dlq")).isEmpty();
    }

    @Test
    void shouldFailWithTheWindowAndNameMetasAbsenceWhenTheDeadlinePassesWhileMetaIsAway() {
        f.script.add(new CallOutcome.Retry("connection refused", Optional.empty(), false, false));
        ConsumerRecord<String, byte[]> record = f.record(DispatchCommand.newBuilder(Commands.text("hi"))
                .setNotAfter(PipelineFixture.NOW.plusMillis(1)).build());
        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);

        f.clockAt(PipelineFixture.NOW.plusSeconds(1));
        f.pipeline.handle(record);

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(status.getErrorMessage()).contains("Meta could not be reached: connection refused");
        assertThat(f.written("ig.outbound.dlq")).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUndecodableCommandAndCarryOn() {
        f.pipeline.handle(f.record(new byte[] {1, 2, 3}));

        assertThat(f.written("ig.outbound.dlq")).hasSize(1);
        assertThat(f.written("ig.message.status")).isEmpty();
        assertThat(f.calls).isEmpty();
    }

    @Test
    void shouldNotResendTheImageWhenOnlyTheCaptionIsRetried() {
        DispatchCommand command = Commands.of(Commands.media(MediaKind.IMAGE, "https://x/y.jpg", "caption")).build();
        f.script.add(new CallOutcome.Delivered(Optional.of("image-mid")));
        f.script.add(new CallOutcome.Retry("HTTP 503", Optional.empty(), false, false));
        ConsumerRecord<String, byte[]> record = f.record(command);

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        f.pipeline.handle(record);

        assertThat(f.calls).hasSize(3);
        assertThat(f.calls.get(2).body()).contains("caption").doesNotContain("y.jpg");
        assertThat(((MessageStatus) f.written("ig.message.status").get(0)).getMetaMessageIds())
                .containsExactly("image-mid", "mid-3");
    }

    @Test
    void shouldPauseTheAccountOnARateLimitAnswer() {
        f.script.add(new CallOutcome.Retry("rate limited (613)", Optional.of("613"), true, false));

        assertThatThrownBy(() -> f.pipeline.handle(f.record(Commands.text("one")))).isInstanceOf(RetryLater.class)
                .satisfies(e -> assertThat(((RetryLater) e).delay()).isGreaterThanOrEqualTo(
                        java.time.Duration.ofSeconds(5)));
        int callsBefore = f.calls.size();
        assertThatThrownBy(() -> f.pipeline.handle(f.record(Commands.text("other conversation, same account"))))
                .isInstanceOf(RetryLater.class);
        assertThat(f.calls).hasSize(callsBefore);
    }

    @Test
    void shouldCountATimeoutFollowedBySuccessAsPossibleDuplicate() {
        f.script.add(new CallOutcome.Retry("timeout", Optional.empty(), false, true));
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        f.pipeline.handle(record);

        assertThat((f.outcomes().get(0)).getPossibleDuplicate()).isTrue();
        assertThat(f.counter("igrelay.dispatcher.possible.duplicates")).isEqualTo(1);
    }

    @Test
    void shouldWriteTheOutcomeAgainWithoutCallingMetaWhenTheLedgerWriteCannotBeQueued() {
        f.failNextOutcomeWrite = true;
        f.script.add(new CallOutcome.Failed("REAUTH_REQUIRED", "expired", Optional.of("190/463"),
                CallOutcome.Kind.TOKEN_INVALID));
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        f.pipeline.handle(record);

        assertThat(f.calls).hasSize(1);
        assertThat(((MessageStatus) f.written("ig.message.status").get(0)).getChannelErrorCode())
                .isEqualTo("190/463");
        assertThat(f.written("ig.channel.events")).hasSize(1);
    }

    @Test
    void shouldNotCountAFirstSendAsPossibleDuplicate() {
        f.pipeline.handle(f.record(Commands.text("hi")));

        assertThat(f.outcomes().get(0).getPossibleDuplicate()).isFalse();
        assertThat(f.counter("igrelay.dispatcher.possible.duplicates")).isZero();
    }

    @Test
    void shouldCountASendAgainAfterACrashWithTheCallInFlightAsPossibleDuplicate() {
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));
        // what an earlier run left: the attempt record of this command and no outcome
        f.ledgerView.put(record.key(), DispatchLedger.attempt("m", record.key(), record.partition(), record.offset(),
                0, PipelineFixture.NOW));

        f.pipeline.handle(record);

        assertThat(f.calls).hasSize(1);
        assertThat(f.outcomes().get(0).getPossibleDuplicate()).isTrue();
        assertThat(f.counter("igrelay.dispatcher.possible.duplicates")).isEqualTo(1);
    }

    @Test
    void shouldSkipWhatCameBeforeAnAttemptRecordWithoutCountingIt() {
        ConsumerRecord<String, byte[]> earlier = f.record(Commands.text("one"));
        ConsumerRecord<String, byte[]> attempted = f.record(Commands.text("two"));
        f.ledgerView.put(attempted.key(), DispatchLedger.attempt("m", attempted.key(), attempted.partition(),
                attempted.offset(), 0, PipelineFixture.NOW));

        f.pipeline.handle(earlier);

        assertThat(f.calls).isEmpty();
        assertThat(f.counter("igrelay.dispatcher.ledger.skipped")).isEqualTo(1);
        assertThat(f.counter("igrelay.dispatcher.possible.duplicates")).isZero();
    }

    @Test
    void shouldNotCallMetaWhenTheAttemptRecordCannotBeWritten() {
        f.failNextWriteTo = "ig.dispatch.ledger";
        ConsumerRecord<String, byte[]> record = f.record(Commands.text("hi"));

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        assertThat(f.calls).isEmpty();
        f.pipeline.handle(record);

        assertThat(f.calls).hasSize(1);
        assertThat(f.outcomes().get(0).getPossibleDuplicate()).isFalse();
    }
}
