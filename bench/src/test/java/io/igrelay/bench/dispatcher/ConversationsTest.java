package io.igrelay.bench.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dispatcher rows' audience really is 1,000 distinct conversations, 20 on each of 50 accounts. */
class ConversationsTest {

    @Test
    void shouldSpreadOneThousandConversationsEvenlyOverFiftyAccounts() {
        var all = Conversations.all();

        assertThat(all).hasSize(1_000);
        assertThat(all.stream().map(Conversations.Conversation::igsid).distinct()).hasSize(1_000);
        assertThat(all.stream().collect(Collectors.groupingBy(Conversations.Conversation::account,
                Collectors.counting()))).hasSize(50).allSatisfy((account, count) -> assertThat(count).isEqualTo(20));
        assertThat(all.get(0).channelId()).isEqualTo(Conversations.channelId(all.get(0).account()));
    }
}
