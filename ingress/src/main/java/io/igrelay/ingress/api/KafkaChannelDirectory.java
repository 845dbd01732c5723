package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.ingress.apps.CompactedTopicReader;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A {@link ChannelDirectory} over ig.channels: every replica folds the whole compacted topic (read_committed, since
 * the processor writes it transactionally) into a map by channel UUID. Small: one entry per connected account.
 */
public final class KafkaChannelDirectory implements ChannelDirectory, AutoCloseable {

    private final Map<String, Channel> byId = new ConcurrentHashMap<>();
    private final CompactedTopicReader<Channel> reader;

    public KafkaChannelDirectory(String topic, Properties consumerProps, Deserializer<Channel> deserializer) {
        this.reader = new CompactedTopicReader<>(topic, consumerProps, deserializer::deserialize, this::apply);
    }

    public CompletableFuture<Void> start() {
        return reader.start();
    }

    void apply(String channelId, Channel channel) {
        if (channel == null) {
            byId.remove(channelId);
        } else {
            byId.put(channelId, channel);
        }
    }

    @Override
    public Optional<Channel> byId(String channelId) {
        return Optional.ofNullable(byId.get(channelId));
    }

    @Override
    public Optional<Channel> byUsername(String applicationId, String username) {
        String wanted = (username.startsWith("@") ? username.substring(1) : username).toLowerCase(Locale.ROOT);
        return byId.values().stream()
                .filter(c -> c.getApplicationId().equals(applicationId))
                .filter(c -> c.getUsername().toLowerCase(Locale.ROOT).equals(wanted))
                .min(Comparator.comparing((Channel c) -> c.getStatus().ordinal()));
    }

    @Override
    public List<Channel> byApplication(String applicationId) {
        return byId.values().stream().filter(c -> c.getApplicationId().equals(applicationId)).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
