package io.igrelay.ingress.hooks;

import io.igrelay.schemas.topics.TopicLayout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/*
 * The JSON topics the ingress shares with the dispatcher's webhook delivery (not in the Avro catalogue yet):
 * hub.webhook.log (attempts, read here for queries), hub.webhook.commands (retries and replays, written here) and
 * hub.webhook.jobs (their progress, written by the dispatcher). Whichever service starts first creates them with
 * the same settings (30 days; 7 days; compacted, 7 days).
 */
record HookTopics(String log, String commands, String jobs) {

    static HookTopics of(TopicLayout layout) {
        return new HookTopics(layout.prefix() + "hub.webhook.log", layout.prefix() + "hub.webhook.commands",
                layout.prefix() + "hub.webhook.jobs");
    }

    void ensure(Admin admin, TopicLayout layout) {
        if (!layout.autoCreate()) {
            return;
        }
        create(admin, new NewTopic(log, layout.partitions(), layout.replicationFactor()).configs(Map.of(
                "cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(30).toMillis()))));
        create(admin, new NewTopic(commands, layout.partitions(), layout.replicationFactor()).configs(Map.of(
                "cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(7).toMillis()))));
        create(admin, new NewTopic(jobs, layout.partitions(), layout.replicationFactor()).configs(Map.of(
                "cleanup.policy", "compact,delete", "retention.ms", Long.toString(Duration.ofDays(7).toMillis()))));
    }

    private static void create(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic.name() + ": timeout", e);
        }
    }
}
