package io.igrelay.ingress.api;

import io.igrelay.avro.ReusableAttachment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reusable attachments of every channel, folded from the compacted ig.attachments topic (key
 * {@code <channelId>|<attachmentId>}, a tombstone removes one), so the list survives restarts and is the same on every
 * ingress replica. An upload also applies its record here as soon as the broker acknowledged it, so the caller's
 * next list shows it without waiting for the reader.
 */
public final class ReusableAttachments {

    private final Map<String, Map<String, ReusableAttachment>> byChannel = new ConcurrentHashMap<>();

    public static String key(String channelId, String attachmentId) {
        return channelId + "|" + attachmentId;
    }

    /** Applies one record of ig.attachments ({@code value} null = tombstone). */
    public void apply(String key, ReusableAttachment value) {
        int bar = key == null ? -1 : key.indexOf('|');
        if (bar < 0) {
            return;
        }
        String channelId = key.substring(0, bar);
        String attachmentId = key.substring(bar + 1);
        if (value == null) {
            byChannel.getOrDefault(channelId, new ConcurrentHashMap<>()).remove(attachmentId);
        } else {
            byChannel.computeIfAbsent(channelId, c -> new ConcurrentHashMap<>()).put(attachmentId, value);
        }
    }

    /** The channel's attachments, newest first. */
    public List<ReusableAttachment> of(String channelId) {
        return byChannel.getOrDefault(channelId, Map.of()).values().stream()
                .sorted(Comparator.comparing(ReusableAttachment::getUploadedAt).reversed()
                        .thenComparing(ReusableAttachment::getAttachmentId))
                .toList();
    }
}
