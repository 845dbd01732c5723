package io.igrelay.processor.channels;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelStatus;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds {@code ig.channel.events} into the channel registry: the processor is the sole writer of the compacted
 * {@code ig.channels}, so no update is lost to a race (contract §4). A disconnect destroys the token and only a
 * (re)connection undoes it; a deletion tombstones the channel; no event makes a second channel of one account ACTIVE.
 */
public final class ChannelFoldProcessor implements Processor<String, ChannelEvent, String, Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelFoldProcessor.class);

    private final String storeName;
    private final String directoryStore;
    private ProcessorContext<String, Channel> context;
    private KeyValueStore<String, Channel> channels;
    private ChannelDirectory directory;

    public ChannelFoldProcessor(String storeName, String directoryStore) {
        this.storeName = storeName;
        this.directoryStore = directoryStore;
    }

    @Override
    public void init(ProcessorContext<String, Channel> context) {
        this.context = context;
        this.channels = context.getStateStore(storeName);
        KeyValueStore<String, Channel> global = context.getStateStore(directoryStore);
        this.directory = new ChannelDirectory(global);
    }

    @Override
    public void process(Record<String, ChannelEvent> record) {
        ChannelEvent event = record.value();
        if (event == null) {
            return;
        }
        String channelId = event.getChannelId();
        Channel current = channels.get(channelId);
        Channel next = apply(current, event);
        if (next != null && next != current && ChannelDirectory.active(next) && !ChannelDirectory.active(current)
                && takenByAnotherChannel(next)) {
            LOG.warn("Refused {} of channel {}: its Instagram account already has another active channel",
                    event.getType(), channelId);
            return;
        }
        if (next == current) {
            LOG.warn("Ignored {} event for channel {}: not applicable to its state", event.getType(), channelId);
            return;
        }
        if (next == null) {
            channels.delete(channelId);
        } else {
            channels.put(channelId, next);
        }
        context.forward(new Record<>(channelId, next, record.timestamp()));
    }

    /**
     * At most one active channel per Instagram account across the hub (contract §5.3): nothing makes a channel ACTIVE
     * (connect, reconnect, token refresh of a re-auth channel) while another channel holds the account ACTIVE.
     */
    private boolean takenByAnotherChannel(Channel next) {
        return directory.byAccount(next.getIgUserId())
                .filter(ChannelDirectory::active)
                .filter(existing -> !existing.getChannelId().equals(next.getChannelId()))
                .isPresent();
    }

    /** The new state of a channel after an event; {@code current} itself when the event does not apply. */
    static Channel apply(Channel current, ChannelEvent event) {
        Instant at = event.getAt();
        return switch (event.getType()) {
            case CONNECTED, RECONNECTED -> connected(current, event, at);
            // a disconnected channel gave its account up: only a (re)connection brings it back, never a token event
            case TOKEN_REFRESHED -> current == null || disconnected(current) ? current : Channel.newBuilder(current)
                    .setToken(event.getToken()).setTokenIssuedAt(event.getTokenIssuedAt())
                    .setTokenExpiresAt(event.getTokenExpiresAt()).setStatus(ChannelStatus.ACTIVE)
                    .setStatusReason(null).setUpdatedAt(at).build();
            case TOKEN_INVALID -> current == null || disconnected(current) ? current : Channel.newBuilder(current)
                    .setStatus(ChannelStatus.REAUTH_REQUIRED).setStatusReason(event.getReason())
                    .setUpdatedAt(at).build();
            case DISCONNECTED -> current == null ? null : Channel.newBuilder(current)
                    .setToken(null).setStatus(ChannelStatus.DISCONNECTED).setStatusReason(event.getReason())
                    .setUpdatedAt(at).build();
            case DELETED -> null;
            case SUBSCRIPTION_CHECKED -> current == null ? null : Channel.newBuilder(current)
                    .setSubscriptionCheck(event.getSubscriptionCheck()).build();
        };
    }

    private static boolean disconnected(Channel channel) {
        return channel.getStatus() == ChannelStatus.DISCONNECTED;
    }

    private static Channel connected(Channel current, ChannelEvent event, Instant at) {
        if (event.getApplicationId() == null || event.getIgUserId() == null || event.getUsername() == null
                || event.getFlavour() == null) {
            return current;
        }
        Channel.Builder builder = current == null ? Channel.newBuilder().setConnectedAt(at)
                : Channel.newBuilder(current);
        return builder.setChannelId(event.getChannelId())
                .setApplicationId(event.getApplicationId())
                .setIgUserId(event.getIgUserId())
                .setAppScopedUserId(event.getAppScopedUserId())
                .setAppId(event.getAppId())
                .setUsername(event.getUsername())
                .setPageId(event.getPageId())
                .setFlavour(event.getFlavour())
                .setToken(event.getToken())
                .setTokenIssuedAt(event.getTokenIssuedAt())
                .setTokenExpiresAt(event.getTokenExpiresAt())
                .setStatus(ChannelStatus.ACTIVE)
                .setStatusReason(null)
                .setUpdatedAt(at)
                .build();
    }
}
