package io.igrelay.schemas.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics at service start-up (idempotent: existing topics are left alone) and then checks
 * that what exists matches: partition counts (co-partitioned groups must agree), cleanup policy and the configs the
 * rules depend on (LogAppendTime on requests, 5 MiB raw records). With auto-create off it only checks.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;
    /** Configs whose value a rule depends on; checked on existing topics. */
    private static final Set<String> CHECKED_CONFIGS =
            Set.of("cleanup.policy", "message.timestamp.type", "max.message.bytes");

    private final Admin admin;
    private final TopicLayout layout;

    public TopicProvisioner(Admin admin, TopicLayout layout) {
        this.admin = admin;
        this.layout = layout;
    }

    /** Creates what is missing (when allowed), then verifies everything; throws {@link TopicMismatchException}. */
    public void ensure(Collection<TopicSpec<?>> specs) {
        if (layout.autoCreate()) {
            createMissing(specs);
        }
        List<String> problems = verify(specs);
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    private void createMissing(Collection<TopicSpec<?>> specs) {
        Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        List<NewTopic> missing = specs.stream()
                .filter(spec -> !existing.contains(layout.name(spec)))
                .map(this::newTopic)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(missing);
        result.values().forEach((name, future) -> {
            try {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("Created topic {}", name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + name, e);
            }
        });
        awaitVisible(admin, missing.stream().map(NewTopic::name).collect(Collectors.toSet()));
    }

    /**
     * A created topic reaches every broker's metadata a moment later; whatever follows (a check, a reader assigning
     * its partitions) must see it. Also used for the webhook JSON topics ({@link HubWebhookTopics}).
     */
    static void awaitVisible(Admin admin, Set<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!call(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created topics did not become visible within " + TIMEOUT_SECONDS
                        + " s: " + names);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for new topics", e);
            }
        }
    }

    private NewTopic newTopic(TopicSpec<?> spec) {
        Map<String, String> configs = new HashMap<>(spec.topicConfigs());
        configs.put("min.insync.replicas", Integer.toString(layout.minInsyncReplicas()));
        return new NewTopic(layout.name(spec), layout.partitions(), layout.replicationFactor()).configs(configs);
    }

    /** Every difference between the catalogue and the cluster, as readable lines; empty when they agree. */
    public List<String> verify(Collection<TopicSpec<?>> specs) {
        List<String> problems = new ArrayList<>();
        Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        List<TopicSpec<?>> present = new ArrayList<>();
        for (TopicSpec<?> spec : specs) {
            if (existing.contains(layout.name(spec))) {
                present.add(spec);
            } else {
                problems.add("topic " + layout.name(spec) + " does not exist (TOPIC_AUTO_CREATE=false)");
            }
        }
        if (present.isEmpty()) {
            return problems;
        }
        Map<String, TopicDescription> descriptions = call(() -> admin
                .describeTopics(present.stream().map(layout::name).toList())
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        Map<ConfigResource, Config> configs = call(() -> admin
                .describeConfigs(present.stream()
                        .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, layout.name(spec))).toList())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        for (TopicSpec<?> spec : present) {
            String name = layout.name(spec);
            int partitions = descriptions.get(name).partitions().size();
            if (partitions != layout.partitions() && spec.group() != PartitionGroup.INDEPENDENT) {
                problems.add("topic " + name + " has " + partitions + " partitions, expected " + layout.partitions()
                        + " (TOPIC_PARTITIONS; " + spec.group().name().toLowerCase() + " topics must agree)");
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            spec.topicConfigs().forEach((key, expected) -> {
                if (!CHECKED_CONFIGS.contains(key)) {
                    return;
                }
                var entry = config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!expected.equals(actual)) {
                    problems.add("topic " + name + " has " + key + "=" + actual + ", expected " + expected);
                }
            });
        }
        problems.addAll(groupMismatches(present, descriptions));
        return problems;
    }

    private List<String> groupMismatches(List<TopicSpec<?>> present, Map<String, TopicDescription> descriptions) {
        List<String> problems = new ArrayList<>();
        Map<PartitionGroup, Map<String, Integer>> byGroup = new HashMap<>();
        for (TopicSpec<?> spec : present) {
            if (spec.group() == PartitionGroup.INDEPENDENT) {
                continue;
            }
            String name = layout.name(spec);
            byGroup.computeIfAbsent(spec.group(), g -> new HashMap<>())
                    .put(name, descriptions.get(name).partitions().size());
        }
        byGroup.forEach((group, counts) -> {
            if (counts.values().stream().distinct().count() > 1) {
                problems.add(group.name().toLowerCase() + " topics must have equal partition counts: "
                        + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            }
        });
        return problems;
    }

    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(AdminCall<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
