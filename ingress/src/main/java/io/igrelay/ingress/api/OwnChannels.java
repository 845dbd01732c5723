package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.contract.HubErrorCode;

/**
 * The caller's own channel named in a {@code /channels/{channelId}/...} path, usable for a call to Meta: someone
 * else's or an unknown channel is 404 CHANNEL_NOT_FOUND (never telling which), a disconnected one 422
 * CHANNEL_DISCONNECTED, one whose token Meta refused 422 REAUTH_REQUIRED (contract §5.2).
 */
final class OwnChannels {

    private final ChannelLookup channels;

    OwnChannels(ChannelLookup channels) {
        this.channels = channels;
    }

    Channel require(AuthenticatedApplication caller, String channelId) {
        Channel channel = channels.byId(channelId)
                .filter(c -> c.getApplicationId().equals(caller.applicationId()))
                .orElseThrow(() -> new ApiError(404, HubErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId
                        + " not found"));
        if (channel.getStatus() == ChannelStatus.DISCONNECTED) {
            throw new ApiError(422, HubErrorCode.CHANNEL_DISCONNECTED, "channel " + channelId + " is disconnected");
        }
        if (channel.getStatus() == ChannelStatus.REAUTH_REQUIRED) {
            throw new ApiError(422, HubErrorCode.REAUTH_REQUIRED, "channel " + channelId + " must be connected again");
        }
        return channel;
    }

    /** The caller's channel whatever its status (for reading what the hub keeps about it). */
    Channel owned(AuthenticatedApplication caller, String channelId) {
        return channels.byId(channelId)
                .filter(c -> c.getApplicationId().equals(caller.applicationId()))
                .orElseThrow(() -> new ApiError(404, HubErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId
                        + " not found"));
    }
}
