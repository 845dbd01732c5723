package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.ingress.api.ProcessorClient.WindowLookup;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Which of the caller's channels a contact (IGSID) wrote to, from the processor's window query: the contact calls
 * (profile, erasure) act only for a contact of the caller's own channel. Someone else's contact, or one that never
 * wrote, is 404 NO_CONVERSATION; an unreachable processor is 503, since neither call may act on a guess.
 */
final class ContactChannels {

    private final ProcessorClient processor;
    private final ChannelLookup channels;

    ContactChannels(ProcessorClient processor, ChannelLookup channels) {
        this.processor = processor;
        this.channels = channels;
    }

    Future<Channel> of(AuthenticatedApplication caller, String igsid) {
        return processor.window(igsid).compose(lookup -> {
            if (lookup instanceof WindowLookup.Unavailable) {
                return Future.failedFuture(ApiError.unavailable("cannot check this contact right now, retry later"));
            }
            return (lookup instanceof WindowLookup.Found found ? found.channelId().flatMap(channels::byId)
                    .filter(c -> c.getApplicationId().equals(caller.applicationId())) : Optional.<Channel>empty())
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(new ApiError(404, HubErrorCode.NO_CONVERSATION,
                            igsid + " never wrote to a channel of this Application")));
        });
    }
}
