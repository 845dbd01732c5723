package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import java.util.List;
import java.util.Optional;

/**
 * What the hub API needs from the channel registry (the compacted ig.channels topic, folded by the processor):
 * find a channel by UUID, or by Instagram username within one Application, and list an Application's channels.
 * The ingress's registry view ({@code io.igrelay.ingress.channels.ChannelRegistryView}) implements it.
 */
public interface ChannelDirectory {

    Optional<Channel> byId(String channelId);

    /** Case-insensitive, without the leading {@code @}. */
    Optional<Channel> byUsername(String applicationId, String username);

    List<Channel> byApplication(String applicationId);
}
