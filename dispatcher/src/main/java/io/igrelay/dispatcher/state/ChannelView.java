package io.igrelay.dispatcher.state;

import io.igrelay.avro.Channel;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.contract.AccountHolder;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/*
 * The dispatcher's one view of ig.channels (the processor is its sole writer), shared by the Send API path and the
 * webhook router, with an index of which channel holds each Instagram account now: among the account's channels that
 * are not DISCONNECTED, an ACTIVE one first, then the one connected last. A DISCONNECTED channel never holds an
 * account, so nothing is ever routed or sent through it, even while the account has no other channel.
 */
public final class ChannelView implements AutoCloseable {

    private final CompactedTopicView<Channel> view;
    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    public ChannelView(String topic) {
        this.view = new CompactedTopicView<Channel>(topic, (old, latest) -> latest).listen(this::changed);
    }

    public ChannelView follow(Consumer<String, byte[]> consumer, Deserializer<Channel> values,
                              TopicFollower.Options options) {
        view.follow(consumer, values, options);
        return this;
    }

    /** Applies one record of ig.channels (null = tombstone); tests and the follower use it alike. */
    public void apply(String channelId, Channel channel) {
        view.apply(channelId, channel);
    }

    private void changed(String channelId, Channel before, Channel after) {
        if (before != null && (after == null || !Objects.equals(before.getIgUserId(), after.getIgUserId()))) {
            Set<String> channels = byAccount.get(before.getIgUserId());
            if (channels != null) {
                channels.remove(channelId);
            }
        }
        if (after != null) {
            byAccount.computeIfAbsent(after.getIgUserId(), k -> ConcurrentHashMap.newKeySet()).add(channelId);
        }
    }

    public Optional<Channel> get(String channelId) {
        return view.get(channelId);
    }

    /** The channel that holds the account now, if any (never a DISCONNECTED one). */
    public Optional<Channel> holder(String igAccountId) {
        Set<String> channels = byAccount.getOrDefault(igAccountId, Set.of());
        return AccountHolder.among(igAccountId, channels.stream().map(view::get).flatMap(Optional::stream).toList());
    }

    public CompletableFuture<Void> started() {
        return view.started();
    }

    public int size() {
        return view.size();
    }

    @Override
    public void close() {
        view.close();
    }
}
