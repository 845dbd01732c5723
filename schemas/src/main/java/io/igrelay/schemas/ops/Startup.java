package io.igrelay.schemas.ops;

import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up step every service shares: wait (bounded) until the broker answers, then create or check the
 * catalogue's topics. A topic mismatch fails at once with every problem named; a broker that never answers fails
 * after the bound with the last error.
 */
public final class Startup {

    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private Startup() {
    }

    public static void awaitKafkaAndProvision(Admin admin, KafkaHealth health, KafkaSettings kafka,
                                              Collection<TopicSpec<?>> topics, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!health.check()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within "
                        + timeout.toSeconds() + " s: " + health.lastError().orElse("unknown error"));
            }
            LOG.info("Waiting for Kafka at {}: {}", kafka.bootstrapServers(), health.lastError().orElse(""));
            sleep(Duration.ofMillis(500));
        }
        new TopicProvisioner(admin, kafka.topics()).ensure(topics);
        LOG.info("Topics ready ({} checked, prefix '{}', {} partitions)", topics.size(), kafka.topics().prefix(),
                kafka.topics().partitions());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
