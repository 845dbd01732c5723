package io.igrelay.dispatcher.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.schemas.consume.CompactedTopicView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/* The ledger's merge and coverage rules with attempt records: an attempt covers only what came before it. */
class DispatchLedgerTest {

    private static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");
    private static final String KEY = "17841463920184527|7309182736451928";

    private final CompactedTopicView<SendRecord> view = new CompactedTopicView<>("ig.dispatch.ledger",
            DispatchLedger::later);
    private final DispatchLedger ledger = new DispatchLedger(view);

    private static SendRecord sent(long offset) {
        return SendRecord.newBuilder().setMessageId("m" + offset).setConversationKey(KEY).setDispatchPartition(3)
                .setDispatchOffset(offset).setOutcome(SendOutcome.SENT).setAt(AT).build();
    }

    @Test
    void shouldKeepTheOutcomeWhenTheEchoOfItsOwnAttemptArrivesLater() {
        SendRecord attempt = DispatchLedger.attempt("m7", KEY, 3, 7, 0, AT);
        SendRecord outcome = sent(7);

        assertThat(DispatchLedger.later(outcome, attempt)).isSameAs(outcome);
        assertThat(DispatchLedger.later(attempt, outcome)).isSameAs(outcome);
        assertThat(DispatchLedger.later(sent(6), attempt)).isSameAs(attempt);
    }

    @Test
    void shouldCoverOnlyWhatCameBeforeAnAttempt() {
        ledger.remember(DispatchLedger.attempt("m7", KEY, 3, 7, 0, AT));

        assertThat(ledger.covering(KEY, 3, 6)).isPresent();
        assertThat(ledger.covering(KEY, 3, 7)).isEmpty();
        assertThat(ledger.attempted(KEY, 3, 7)).isTrue();
        assertThat(ledger.attempted(KEY, 3, 8)).isFalse();
        assertThat(ledger.attempted(KEY, 4, 7)).as("another partition's offsets").isFalse();
    }

    @Test
    void shouldCoverTheCommandOnceItsOutcomeIsRecorded() {
        ledger.remember(DispatchLedger.attempt("m7", KEY, 3, 7, 0, AT));
        ledger.remember(sent(7));

        assertThat(ledger.covering(KEY, 3, 7)).isPresent();
        assertThat(ledger.attempted(KEY, 3, 7)).isFalse();
    }
}
