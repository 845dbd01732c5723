package io.igrelay.bench.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dispatcher rows' audience really is 2,000 distinct conversations, 10 on each of 200 accounts. */
class BenchConversationsTest {

    @Test
    void shouldSpreadTwoThousandConversationsEvenlyOverTwoHundredAccounts() {
        var all = BenchConversations.all();

        assertThat(all).hasSize(2_000);
        assertThat(all.stream().map(BenchConversations.Conversation::igsid).distinct()).hasSize(2_000);
        assertThat(all.stream().collect(Collectors.groupingBy(BenchConversations.Conversation::account,
                Collectors.counting()))).hasSize(200).allSatisfy((account, count) -> assertThat(count).isEqualTo(10));
        assertThat(all.get(0).channelId()).isEqualTo(BenchConversations.channelId(all.get(0).account()));
    }
}
