package io.igrelay.schemas.contract;

import java.util.UUID;

/**
 * The shape of the hub's own ids: channel and message ids are UUIDs in their 36-character form, which tells them apart
 * from what Meta or a user names (a username in {@code from}, Meta's mid in {@code replyTo}).
 */
public final class HubIds {

    private HubIds() {
    }

    public static boolean isHubId(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
