package io.igrelay.processor.channels;

import io.igrelay.avro.Channel;
import io.igrelay.schemas.contract.AccountHolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read side of the global channel store (fed by ig.channels on every instance): finds a channel by UUID, by the
 * Instagram account id of a webhook (entry.id), or by username within one Application (case-insensitive, with or
 * without '@'). The store holds three key families, each with a copy of the channel: c:uuid, a:igUserId (the
 * account's best-ranked channel) and u:applicationId|username.
 */
public final class ChannelDirectory {

    /** Which of an account's channels the account index names: the shared rule. */
    static final Comparator<Channel> RANK = AccountHolder.RANK;

    static final String BY_ID = "c:";
    static final String BY_ACCOUNT = "a:";
    static final String BY_USERNAME = "u:";

    private final ReadOnlyKeyValueStore<String, Channel> store;

    public ChannelDirectory(ReadOnlyKeyValueStore<String, Channel> store) {
        this.store = store;
    }

    public Optional<Channel> byId(String channelId) {
        return Optional.ofNullable(store.get(BY_ID + channelId));
    }

    /** The account's best-ranked channel ({@link #RANK}), whatever its status. */
    public Optional<Channel> byAccount(String igUserId) {
        return Optional.ofNullable(store.get(BY_ACCOUNT + igUserId));
    }

    /**
     * The channel that holds the account now: its best-ranked channel, unless that one is DISCONNECTED. Inbound
     * content goes to this channel or to nobody (metadata only), never to a channel that gave the account up.
     */
    public Optional<Channel> holderOf(String igUserId) {
        return byAccount(igUserId).filter(ChannelDirectory::holds);
    }

    /** The Application's channel named by {@code from}: its UUID, or its username with or without '@'. */
    public Optional<Channel> resolveFrom(String applicationId, String from) {
        if (from == null || from.isBlank()) {
            return Optional.empty();
        }
        String trimmed = from.trim();
        Optional<Channel> channel = byId(trimmed).or(() -> Optional.ofNullable(
                store.get(usernameKey(applicationId, trimmed))));
        return channel.filter(c -> c.getApplicationId().equals(applicationId));
    }

    /** Every channel connected by an app-scoped user (data-deletion and deauthorize callbacks). */
    public List<Channel> byAppScopedUser(String appScopedUserId) {
        List<Channel> found = new ArrayList<>();
        try (KeyValueIterator<String, Channel> all = store.prefixScan(BY_ID, new StringSerializer())) {
            all.forEachRemaining(kv -> {
                if (appScopedUserId.equals(kv.value.getAppScopedUserId())) {
                    found.add(kv.value);
                }
            });
        }
        return found;
    }

    static String usernameKey(String applicationId, String username) {
        String name = username.startsWith("@") ? username.substring(1) : username;
        return BY_USERNAME + applicationId + "|" + name.toLowerCase(Locale.ROOT);
    }

    static boolean active(Channel channel) {
        return AccountHolder.active(channel);
    }

    static boolean holds(Channel channel) {
        return AccountHolder.holds(channel);
    }
}
