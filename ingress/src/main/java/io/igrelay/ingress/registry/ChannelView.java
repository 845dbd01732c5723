package io.igrelay.ingress.registry;

import io.igrelay.avro.Channel;
import io.igrelay.ingress.apps.CompactedTopicReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A read-only view of the channel registry (ig.channels, compacted; the processor is its sole writer) for the
 * Meta callbacks: channels by id, and by the app-scoped user who connected them, which is all a deauthorize or
 * data-deletion signed_request names. Onboarding can reuse it to find an account's existing channel.
 */
public final class ChannelView implements AutoCloseable {

    private final Map<String, Channel> byId = new ConcurrentHashMap<>();
    private final CompactedTopicReader<Channel> reader;

    public ChannelView(String topic, Properties consumerProps, Deserializer<Channel> deserializer) {
        this.reader = new CompactedTopicReader<>(topic, consumerProps, deserializer::deserialize, this::apply);
    }

    /** Completes once the topic was read up to its end at start. */
    public CompletableFuture<Void> start() {
        return reader.start();
    }

    /** Folds one record of ig.channels (null = tombstone). */
    public void apply(String channelId, Channel channel) {
        if (channel == null) {
            byId.remove(channelId);
        } else {
            byId.put(channelId, channel);
        }
    }

    public Optional<Channel> byId(String channelId) {
        return Optional.ofNullable(byId.get(channelId));
    }

    /**
     * Channels connected by {@code appScopedUserId} of app {@code appId}; a channel that recorded no app id matches
     * on the user id alone (app-scoped ids of different apps do not collide in practice).
     */
    public List<Channel> byAppScopedUser(String appScopedUserId, String appId) {
        return byId.values().stream()
                .filter(c -> appScopedUserId.equals(c.getAppScopedUserId()))
                .filter(c -> c.getAppId() == null || appId == null || appId.isEmpty()
                        || Objects.equals(c.getAppId(), appId))
                .toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
