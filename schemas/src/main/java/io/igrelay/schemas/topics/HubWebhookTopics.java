package io.igrelay.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The hub's own topics of the Application webhooks, outside the Topics catalogue because no outside producer or
 * reader uses them (the ingress and the dispatcher are their only writers and readers), both services create them
 * and their retention is a setting; the log, commands and jobs records and codecs are named in webhooks.HubWebhookCodecs
 * (Avro, which still reads the JSON records of the versions before); the queue is still JSON (QueuedEvent in the
 * dispatcher). The per-conversation queue
 * {@code hub.webhook.queue} (key = IGSID, kept as long as the queue retention so a disabled webhook can drain later),
 * the attempt log {@code hub.webhook.log} (key = webhook id; the ingress queries it), the retry/replay commands
 * {@code hub.webhook.commands} (written by the ingress) and the progress of those jobs {@code hub.webhook.jobs}
 * (key = job id, compacted, 7 days, written by the dispatcher). Whichever service starts first creates them with the
 * same settings; with TOPIC_AUTO_CREATE=false both check that they exist.
 */
public record HubWebhookTopics(String queue, String log, String commands, String jobs) {

    public static HubWebhookTopics of(TopicLayout layout) {
        return new HubWebhookTopics(layout.prefix() + "hub.webhook.queue", layout.prefix() + "hub.webhook.log",
                layout.prefix() + "hub.webhook.commands", layout.prefix() + "hub.webhook.jobs");
    }

    /** Creates what is missing (or, with TOPIC_AUTO_CREATE=false, checks) and returns once all four are visible. */
    public void ensure(Admin admin, TopicLayout layout, Duration retention) {
        String keep = Long.toString(retention.toMillis());
        List<NewTopic> topics = List.of(
                topic(queue, layout, Map.of("cleanup.policy", "delete", "retention.ms", keep)),
                topic(log, layout, Map.of("cleanup.policy", "delete", "retention.ms", keep)),
                topic(commands, layout, Map.of("cleanup.policy", "delete",
                        "retention.ms", Long.toString(Duration.ofDays(7).toMillis()))),
                topic(jobs, layout, Map.of("cleanup.policy", "compact,delete",
                        "retention.ms", Long.toString(Duration.ofDays(7).toMillis()))));
        try {
            if (!layout.autoCreate()) {
                Set<String> missing = new java.util.HashSet<>(Set.of(queue, log, commands, jobs));
                missing.removeAll(admin.listTopics().names().get(30, TimeUnit.SECONDS));
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("missing webhook topics " + missing);
                }
                return;
            }
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause(), e);
                    }
                }
            }
            TopicProvisioner.awaitVisible(admin, Set.of(queue, log, commands, jobs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            throw new IllegalStateException("cannot check webhook topics: " + e, e);
        }
    }

    private static NewTopic topic(String name, TopicLayout layout, Map<String, String> configs) {
        return new NewTopic(name, layout.partitions(), layout.replicationFactor()).configs(configs);
    }
}
