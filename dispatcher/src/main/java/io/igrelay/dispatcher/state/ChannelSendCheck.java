package io.igrelay.dispatcher.state;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.schemas.contract.HubErrorCode;
import java.time.Instant;
import java.util.Optional;

/*
 * The check before every Send API call, against the dispatcher's view of ig.channels (the processor is its sole
 * writer): only an ACTIVE channel whose token is present and not expired may send, and only for the Application that
 * owns it and the account it holds; a DISCONNECTED channel never sends. The answer names the hub error code a refused
 * send fails with.
 */
public final class ChannelSendCheck {

    /** Either the channel to send with, or the error code the message fails with. */
    public record Check(Optional<Channel> channel, String errorCode, String reason) {

        static Check ok(Channel channel) {
            return new Check(Optional.of(channel), null, null);
        }

        static Check refused(HubErrorCode errorCode, String reason) {
            return new Check(Optional.empty(), errorCode.name(), reason);
        }
    }

    private final ChannelView view;

    public ChannelSendCheck(ChannelView view) {
        this.view = view;
    }

    /** Whether the command's channel may send for its Application and account now. */
    public Check check(DispatchCommand command, Instant now) {
        Optional<Channel> found = view.get(command.getChannelId());
        if (found.isEmpty() || !found.get().getApplicationId().equals(command.getApplicationId())) {
            return Check.refused(HubErrorCode.CHANNEL_NOT_FOUND, "the channel is unknown or was deleted");
        }
        Channel channel = found.get();
        if (channel.getStatus() == ChannelStatus.DISCONNECTED
                || !channel.getIgUserId().equals(command.getIgAccountId())) {
            return Check.refused(HubErrorCode.CHANNEL_DISCONNECTED, "the channel is disconnected");
        }
        if (channel.getStatus() != ChannelStatus.ACTIVE || channel.getToken() == null) {
            return Check.refused(HubErrorCode.REAUTH_REQUIRED, "the channel needs to be connected again");
        }
        if (channel.getTokenExpiresAt() != null && !channel.getTokenExpiresAt().isAfter(now)) {
            return Check.refused(HubErrorCode.REAUTH_REQUIRED, "the channel's token has expired");
        }
        return Check.ok(channel);
    }
}
