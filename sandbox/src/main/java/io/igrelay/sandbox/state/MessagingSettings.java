package io.igrelay.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What accounts set through the Messenger Profile API (ice_breakers, persistent_menu) per platform, and the
 * attachment ids the Attachment Upload API handed out, with the account that owns each. A Page's profile set without
 * {@code platform=instagram} is the Page's Messenger profile, kept apart from its Instagram account's.
 */
public final class MessagingSettings {
    private final Map<String, Map<String, JsonNode>> profiles = new ConcurrentHashMap<>();
    private final Map<String, String> attachmentOwners = new ConcurrentHashMap<>();
    private final AtomicLong attachmentIds = new AtomicLong(1857777774821000L);

    private static String key(String ownerId, String platform) {
        return ownerId + "|" + platform;
    }

    public void set(String ownerId, String platform, String field, JsonNode value) {
        profiles.computeIfAbsent(key(ownerId, platform), k -> new ConcurrentHashMap<>()).put(field, value);
    }

    public Optional<JsonNode> get(String ownerId, String platform, String field) {
        return Optional.ofNullable(profiles.getOrDefault(key(ownerId, platform), Map.of()).get(field));
    }

    public void delete(String ownerId, String platform, String field) {
        profiles.getOrDefault(key(ownerId, platform), new ConcurrentHashMap<>()).remove(field);
    }

    /** A new attachment id owned by {@code accountId}. */
    public String newAttachment(String accountId) {
        String id = Long.toString(attachmentIds.incrementAndGet());
        attachmentOwners.put(id, accountId);
        return id;
    }

    public Optional<String> attachmentOwner(String attachmentId) {
        return Optional.ofNullable(attachmentOwners.get(attachmentId));
    }
}
