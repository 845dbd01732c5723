package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.channels.ChannelLookup;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ChannelLookup} the tests fill directly, plus a builder of Channel records. */
final class InMemoryChannels implements ChannelLookup {

    private final Map<String, Channel> byId = new ConcurrentHashMap<>();

    void put(Channel channel) {
        byId.put(channel.getChannelId(), channel);
    }

    static Channel channel(String channelId, String applicationId, String username, ChannelStatus status) {
        return Channel.newBuilder()
                .setChannelId(channelId)
                .setApplicationId(applicationId)
                .setIgUserId("17841400000000001")
                .setUsername(username)
                .setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setStatus(status)
                .setConnectedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .setTokenExpiresAt(Instant.parse("2026-12-31T09:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .build();
    }

    @Override
    public Optional<Channel> byId(String channelId) {
        return Optional.ofNullable(byId.get(channelId));
    }

    @Override
    public Optional<Channel> byUsername(String applicationId, String username) {
        String wanted = (username.startsWith("@") ? username.substring(1) : username).toLowerCase(Locale.ROOT);
        return byId.values().stream().filter(c -> c.getApplicationId().equals(applicationId))
                .filter(c -> c.getUsername().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    @Override
    public List<Channel> byApplication(String applicationId) {
        return byId.values().stream().filter(c -> c.getApplicationId().equals(applicationId)).toList();
    }
}
