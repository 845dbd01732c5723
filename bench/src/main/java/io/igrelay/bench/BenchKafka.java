package io.igrelay.bench;

import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.Topics;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The settings the service rows share: the in-memory schema registry {@code mem://bench} (the services run in this
 * JVM, and their serdes cache schema ids, so the registry is not on the measured path), one token key, a fresh
 * topic prefix per row so no row reads another's records, and the services' own topic provisioning.
 */
public final class BenchKafka {

    public static final String REGISTRY_URL = "mem://bench";
    /** Service configs validate SCHEMA_REGISTRY_URL as http(s); it is swapped for {@link #REGISTRY_URL} after. */
    public static final String PLACEHOLDER_REGISTRY_URL = "http://registry.invalid";
    public static final String TOKEN_KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    /** The hub's admin API token in every bench run (ADMIN_TOKEN; at least 24 characters). */
    public static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

    private BenchKafka() {
    }

    public static String uniquePrefix(String row) {
        return "bench-" + row + "-" + Long.toHexString(System.nanoTime()) + ".";
    }

    public static KafkaSettings withMemoryRegistry(KafkaSettings kafka) {
        return new KafkaSettings(kafka.bootstrapServers(), REGISTRY_URL, Optional.empty(), kafka.topics(),
                kafka.clientOverrides(), kafka.devMode());
    }

    public static AvroSerdes serdes() {
        return AvroSerdes.fromUrl(REGISTRY_URL, Optional.empty());
    }

    /** Creates every topic of the layout as the services would, so a row can fill its input before they start. */
    public static void provision(KafkaSettings kafka) {
        try (Admin admin = Admin.create(kafka.admin("bench-provision"))) {
            new TopicProvisioner(admin, kafka.topics()).ensure(Topics.ALL);
        }
    }
}
