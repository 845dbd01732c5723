package io.igrelay.processor.deletion;

import java.util.List;
import java.util.Map;

/**
 * One account deletion's request to every IGSID task (multicast on the internal purge topic, JSON): purge the
 * windows and markers of these channels, then report back. It carries what the deletion removed so far, so the
 * tally that assembles the final status needs no other state.
 *
 * @param expectedReports how many tasks receive this request (the partition count of the purge topic)
 */
public record ChannelPurge(String confirmationCode, List<String> channelIds, Map<String, Long> removed,
                           long requestedAt, int expectedReports) {

    public ChannelPurge {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        removed = removed == null ? Map.of() : Map.copyOf(removed);
    }
}
