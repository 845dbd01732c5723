package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.SendRecord;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

/*
 * The outcome costs the worker no wait for Kafka, and still: the status is sent only after the ledger record is
 * acknowledged, and the commit gate (PendingWrites) lets no commit pass an unacknowledged or failed outcome write.
 * A command past notAfter is used so that no attempt record (the one write a worker waits for) is involved.
 */
class OutcomeWritesTest {

    private final PipelineFixture f = new PipelineFixture(false);

    private DispatchCommand late() {
        return Commands.of(new TextContent("late")).setNotAfter(PipelineFixture.NOW.minusSeconds(1)).build();
    }

    @Test
    void shouldReturnBeforeKafkaAcknowledgesAndSendTheStatusOnlyAfterTheLedger() {
        f.pipeline.handle(f.record(late()));

        assertThat(f.producer.history()).extracting(r -> r.topic()).containsExactly("ig.dispatch.ledger");
        assertThat(f.pending.size()).isEqualTo(1);
        f.producer.completeNext();

        assertThat(f.producer.history()).extracting(r -> r.topic())
                .containsExactly("ig.dispatch.ledger", "ig.message.status");
        assertThat(f.ledgerView.get(Commands.key())).map(SendRecord::getDispatchOffset).contains(0L);
    }

    @Test
    void shouldHoldTheCommitUntilLedgerAndStatusAreAcknowledged() throws Exception {
        f.pipeline.handle(f.record(late()));

        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class);
        f.producer.completeNext(); // ledger
        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class);
        f.producer.completeNext(); // status

        f.pending.awaitWritten(Duration.ofMillis(50));
        assertThat(f.pending.size()).isZero();
    }

    @Test
    void shouldNeverLetACommitPassAFailedLedgerWrite() throws Exception {
        f.pipeline.handle(f.record(late()));
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThat(f.written("ig.message.status")).isEmpty();
        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(OutcomeWriter.OutcomeNotRecordedException.class);
        f.pipeline.handle(f.record(late()));
        f.producer.completeNext();
        f.producer.completeNext();
        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .as("a lost outcome stops every later commit too")
                .isInstanceOf(OutcomeWriter.OutcomeNotRecordedException.class);
    }

    @Test
    void shouldFailTheCommitWhenTheStatusWriteFails() {
        f.pipeline.handle(f.record(late()));
        f.producer.completeNext();
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(OutcomeWriter.OutcomeNotRecordedException.class);
    }
}
