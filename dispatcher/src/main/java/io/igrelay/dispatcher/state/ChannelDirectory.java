package io.igrelay.dispatcher.state;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import java.time.Instant;
import java.util.Optional;

/*
 * The dispatcher's read-only picture of ig.channels (the processor is its sole writer), checked before every Send
 * API call (SPEC 6.3): only an ACTIVE channel whose token is present and not expired may send. The answer names the
 * hub error code a refused send fails with.
 */
public final class ChannelDirectory {

    /** Either the channel to send with, or the error code the message fails with. */
    public record Check(Optional<Channel> channel, String errorCode, String reason) {

        static Check ok(Channel channel) {
            return new Check(Optional.of(channel), null, null);
        }

        static Check refused(String errorCode, String reason) {
            return new Check(Optional.empty(), errorCode, reason);
        }
    }

    private final CompactedTopicView<Channel> view;

    public ChannelDirectory(CompactedTopicView<Channel> view) {
        this.view = view;
    }

    public Check check(String channelId, Instant now) {
        Optional<Channel> found = view.get(channelId);
        if (found.isEmpty()) {
            return Check.refused("CHANNEL_NOT_FOUND", "the channel is unknown or was deleted");
        }
        Channel channel = found.get();
        if (channel.getStatus() == ChannelStatus.DISCONNECTED) {
            return Check.refused("CHANNEL_DISCONNECTED", "the channel is disconnected");
        }
        if (channel.getStatus() != ChannelStatus.ACTIVE || channel.getToken() == null) {
            return Check.refused("REAUTH_REQUIRED", "the channel needs to be connected again");
        }
        if (channel.getTokenExpiresAt() != null && !channel.getTokenExpiresAt().isAfter(now)) {
            return Check.refused("REAUTH_REQUIRED", "the channel's token has expired");
        }
        return Check.ok(channel);
    }
}
