package io.igrelay.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldListSixteenDistinctTopics() {
        assertThat(Topics.ALL).hasSize(16);
        assertThat(Topics.ALL.stream().map(TopicSpec::baseName).distinct()).hasSize(16);
    }

    @Test
    void shouldCoPartitionTheConversationTopics() {
        List<String> conversation = Topics.ALL.stream()
                .filter(t -> t.group() == PartitionGroup.CONVERSATION).map(TopicSpec::baseName).toList();
        assertThat(conversation).containsExactlyInAnyOrder(
                "ig.webhooks.raw", "ig.events", "ig.windows", "ig.outbound.requests", "ig.message.status");
    }

    @Test
    void shouldCompactExactlyTheStateTopics() {
        List<String> compacted = Topics.ALL.stream()
                .filter(t -> t.cleanup() == CleanupPolicy.COMPACT).map(TopicSpec::baseName).toList();
        assertThat(compacted).containsExactlyInAnyOrder("ig.windows", "ig.dispatch.ledger", "ig.channels",
                "hub.applications", "hub.webhooks", "ig.deletion.status", "ig.attachments");
    }

    @Test
    void shouldStampOutboundRequestsWithBrokerTime() {
        assertThat(Topics.OUTBOUND_REQUESTS.topicConfigs())
                .containsEntry("message.timestamp.type", "LogAppendTime");
    }

    @Test
    void shouldAllowFiveMebibyteRawRecordsForSevenDays() {
        assertThat(Topics.WEBHOOKS_RAW.topicConfigs())
                .containsEntry("max.message.bytes", "5242880")
                .containsEntry("retention.ms", Long.toString(7L * 24 * 3600 * 1000))
                .containsEntry("cleanup.policy", "delete");
    }

    @Test
    void shouldPrefixNamesAndSubjects() {
        TopicLayout layout = new TopicLayout("staging.", 6, (short) 1, true);
        assertThat(layout.name(Topics.EVENTS)).isEqualTo("staging.ig.events");
        assertThat(Topics.EVENTS.valueSubject("staging.")).isEqualTo("staging.ig.events-value");
        assertThat(Topics.EVENTS.name("")).isEqualTo("ig.events");
    }
}
