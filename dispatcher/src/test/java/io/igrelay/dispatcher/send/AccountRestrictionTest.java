package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.graph.CallOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/* An account Meta restricted pauses: the restricted send fails retryable, and the next ones fail without a call. */
class AccountRestrictionTest {

    private final PipelineFixture f = new PipelineFixture();

    private static CallOutcome restricted() {
        return new CallOutcome.Failed("ACCOUNT_RESTRICTED", "(#368) Temporarily blocked", Optional.of("368"),
                CallOutcome.Kind.ACCOUNT_RESTRICTED);
    }

    @Test
    void shouldFailTheRestrictedMessageAsRetryableWithMetasCode() {
        f.script.add(restricted());

        f.pipeline.handle(f.record(Commands.text("hello")));

        MessageStatus status = (MessageStatus) f.written("ig.message.status").get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.getErrorCode()).isEqualTo("ACCOUNT_RESTRICTED");
        assertThat(status.getChannelErrorCode()).isEqualTo("368");
        assertThat(status.getRetryable()).isTrue();
        assertThat(f.counter("igrelay.dispatcher.account.restrictions")).isEqualTo(1);
    }

    @Test
    void shouldFailTheAccountsNextMessagesWithoutCallingMeta() {
        f.script.add(restricted());
        f.pipeline.handle(f.record(Commands.text("first")));

        f.pipeline.handle(f.record(Commands.text("second")));
        f.pipeline.handle(f.record(Commands.text("third")));

        assertThat(f.calls).hasSize(1);
        List<Object> statuses = f.written("ig.message.status");
        assertThat(statuses).hasSize(3).allSatisfy(s -> assertThat(((MessageStatus) s).getErrorCode())
                .isEqualTo("ACCOUNT_RESTRICTED"));
        assertThat(f.counter("igrelay.dispatcher.sends", "outcome", "account_restricted")).isEqualTo(3);
    }

    @Test
    void shouldNotPauseTheAccountForAnOrdinaryRefusal() {
        f.script.add(new CallOutcome.Failed("META_ERROR", "(#100) No matching user found",
                Optional.of("100/2018001"), CallOutcome.Kind.REFUSED));
        f.pipeline.handle(f.record(Commands.text("first")));

        f.pipeline.handle(f.record(Commands.text("second")));

        assertThat(f.calls).hasSize(2);
        assertThat(((MessageStatus) f.written("ig.message.status").get(1)).getStatus())
                .isEqualTo(DeliveryState.SENT);
    }
}
