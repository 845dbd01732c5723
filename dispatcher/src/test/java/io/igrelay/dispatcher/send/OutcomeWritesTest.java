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
 * acknowledged, and the commit gate (PendingWrites) lets no commit pass an unacknowledged outcome write. A write
 * Kafka refused is sent again (only that record) until it is through; the commit waits meanwhile instead of failing.
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
    void shouldSendARefusedLedgerRecordAgainAndHoldTheCommitUntilKafkaHasIt() throws Exception {
        f.pipeline.handle(f.record(late()));
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThat(f.written("ig.message.status")).as("no status before the ledger has the outcome").isEmpty();
        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .as("the commit waits (is skipped), it does not fail").isInstanceOf(TimeoutException.class);
        assertThat(f.retries).hasSize(1);

        f.runRetries();
        f.producer.completeNext(); // the ledger record, second time
        f.producer.completeNext(); // its status
        f.pending.awaitWritten(Duration.ofMillis(50));
        assertThat(f.outcomes()).as("sent twice, acknowledged once").hasSize(2);
        assertThat(f.written("ig.message.status")).hasSize(1);
        assertThat(f.ledgerView.get(Commands.key())).map(SendRecord::getDispatchOffset).contains(0L);
    }

    @Test
    void shouldKeepTheCommitAliveForLaterOutcomesWhileOneIsRetried() throws Exception {
        f.pipeline.handle(f.record(late()));
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));
        f.pipeline.handle(f.record(late()));
        f.producer.completeNext();
        f.producer.completeNext();

        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .as("no commit past the outcome Kafka does not have yet").isInstanceOf(TimeoutException.class);
        f.runRetries();
        f.producer.completeNext();
        f.producer.completeNext();
        f.pending.awaitWritten(Duration.ofMillis(50));
        assertThat(f.pending.failure()).isEmpty();
    }

    @Test
    void shouldSendOnlyTheRefusedStatusAgainNotTheLedgerRecord() throws Exception {
        f.pipeline.handle(f.record(late()));
        f.producer.completeNext();
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class);
        f.runRetries();
        f.producer.completeNext();

        f.pending.awaitWritten(Duration.ofMillis(50));
        assertThat(f.outcomes()).hasSize(1);
        assertThat(f.written("ig.message.status")).hasSize(2);
    }

    @Test
    void shouldBackOffExponentiallyUpToThirtySeconds() {
        assertThat(OutcomeWriter.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(OutcomeWriter.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(OutcomeWriter.backoff(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(OutcomeWriter.backoff(12)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutcomeWriter.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldFailTheCommitForGoodWhenAWriteCannotBeRetriedBecauseTheWriterCloses() {
        f.pipeline.handle(f.record(late()));
        f.closing = true;
        f.producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThatThrownBy(() -> f.pending.awaitWritten(Duration.ofMillis(50)))
                .isInstanceOf(OutcomeWriter.OutcomeNotRecordedException.class);
        assertThat(f.written("ig.message.status")).isEmpty();
    }
}
