package io.igrelay.bench;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics and payloads the reference scenarios use: one partition, replication factor 1 (the broker is a single
 * node), and incompressible random bytes, as {@code kafka-producer-perf-test} sends them.
 */
public final class BenchTopics {

    private BenchTopics() {
    }

    public static void create(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Deletes every topic whose name starts with {@code prefix} (a row's own topics, Streams' internal ones
     * included), so the gigabytes a backlog row writes do not pile up on the bench broker's disk run after run.
     */
    public static void deletePrefixed(String bootstrapServers, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("bench: could not delete the topics " + prefix + "*: " + e);
        }
    }

    /** A small pool of random payloads, cycled through so generating them costs nothing during the run. */
    public static byte[][] payloads(int size) {
        var random = new Random(42);
        byte[][] pool = new byte[256][size];
        for (byte[] payload : pool) {
            random.nextBytes(payload);
        }
        return pool;
    }
}
