package io.igrelay.ingress.channels;

import io.igrelay.avro.Channel;
import java.util.List;
import java.util.Optional;

/**
 * What the hub API needs from the channel registry (the compacted ig.channels topic, folded by the processor):
 * find a channel by UUID, or by Instagram username within one Application, and list an Application's channels.
 * The ingress's registry view ({@link ChannelRegistryView}) implements it; the API depends on this side only.
 */
public interface ChannelLookup {

    Optional<Channel> byId(String channelId);

    /** Case-insensitive, without the leading {@code @}. */
    Optional<Channel> byUsername(String applicationId, String username);

    List<Channel> byApplication(String applicationId);
}
