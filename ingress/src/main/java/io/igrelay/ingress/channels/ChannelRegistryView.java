package io.igrelay.ingress.channels;

import io.igrelay.avro.Channel;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.contract.AccountHolder;
import io.igrelay.schemas.ops.HealthMonitor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The ingress's one view of the channel registry: the compacted ig.channels topic (the processor is
 * its sole writer) folded into memory, read by the dashboard, the onboarding (who owns this Instagram account?), the
 * refresher, the Meta callbacks (channels of an app-scoped user) and — as a {@link ChannelLookup} — the hub API.
 * It is rebuilt from the topic at every start, so it survives restarts.
 */
public final class ChannelRegistryView implements ChannelLookup, AutoCloseable {

    private final Map<String, Channel> byId = new ConcurrentHashMap<>();
    private final CompactedTopicView<Channel> reader;

    /** A view fed only through {@link #apply} (tests). */
    public ChannelRegistryView() {
        this.reader = null;
    }

    public ChannelRegistryView(String topic, Properties consumerProps, Deserializer<Channel> deserializer) {
        this.reader = CompactedTopicView.reading(topic, consumerProps, deserializer, this::apply);
    }

    /** Completes once the records present at start were read. */
    public CompletableFuture<Void> start() {
        return reader == null ? CompletableFuture.completedFuture(null) : reader.start();
    }

    /** True once the records present at start were read (always, for a view fed only through apply). */
    public boolean loaded() {
        return reader == null || reader.loaded();
    }

    /** Reports the reader into the service's health (before start). */
    public ChannelRegistryView reportInto(HealthMonitor health) {
        if (reader != null) {
            reader.reportInto(health);
        }
        return this;
    }

    /** One record of ig.channels; null is a tombstone. */
    public void apply(String channelId, Channel channel) {
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
        return byId.values().stream().filter(c -> c.getApplicationId().equals(applicationId))
                .sorted(Comparator.comparing(Channel::getConnectedAt)).toList();
    }

    /** The channel that holds this Instagram account (not disconnected), if any, across every Application. */
    public Optional<Channel> holderOf(String igUserId) {
        return AccountHolder.among(igUserId, byId.values());
    }

    /**
     * Channels connected by {@code appScopedUserId} of app {@code appId}, which is all a deauthorize or data-deletion
     * signed_request names; a channel that recorded no app id matches on the user id alone.
     */
    public List<Channel> byAppScopedUser(String appScopedUserId, String appId) {
        return byId.values().stream()
                .filter(c -> appScopedUserId.equals(c.getAppScopedUserId()))
                .filter(c -> c.getAppId() == null || appId == null || appId.isEmpty()
                        || java.util.Objects.equals(c.getAppId(), appId))
                .toList();
    }

    public List<Channel> all() {
        return List.copyOf(byId.values());
    }

    /** Polls (on the event loop) until the channel satisfies {@code condition}; fails after {@code timeout}. */
    public Future<Channel> await(Vertx vertx, String channelId, Predicate<Channel> condition, Duration timeout) {
        Promise<Channel> promise = Promise.promise();
        long deadline = System.nanoTime() + timeout.toNanos();
        poll(vertx, channelId, condition, deadline, promise);
        return promise.future();
    }

    private void poll(Vertx vertx, String channelId, Predicate<Channel> condition, long deadline,
                      Promise<Channel> promise) {
        Channel current = byId.get(channelId);
        if (current != null && condition.test(current)) {
            promise.complete(current);
        } else if (System.nanoTime() > deadline) {
            promise.fail(new FoldTimeoutException(channelId));
        } else {
            vertx.setTimer(100, t -> poll(vertx, channelId, condition, deadline, promise));
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** The processor did not fold the event in time (it may still do so later). */
    public static final class FoldTimeoutException extends RuntimeException {
        public FoldTimeoutException(String channelId) {
            super("channel " + channelId + " not yet visible in ig.channels", null, false, false);
        }
    }
}
