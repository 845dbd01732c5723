package io.igrelay.ingress.metagraph;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One Page the Facebook user granted, as {@code /me/accounts} lists it: its Page token (kept server-side in the
 * session, never rendered), the user's tasks on it (absent when Meta did not say) and the linked Instagram
 * professional account, if any.
 */
public record FacebookPage(String id, String name, String pageToken, Optional<List<String>> tasks,
                           Optional<LinkedAccount> instagram) {

    /**
     * The tasks that let a person message as the Page: MESSAGING (which Meta's Instagram send guide spells "MESSAGE
     * task", https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message), MANAGE (full
     * control) and MODERATE (the moderator role, which answers messages); compared without regard to case, since Meta
     * does not promise the casing. CREATE_CONTENT, ADVERTISE and ANALYZE alone do not.
     */
    static final Set<String> MESSAGING_TASKS = Set.of("MESSAGING", "MESSAGE", "MANAGE", "MODERATE");

    /** Whether the user's role on the Page lets the hub message through it; unknown tasks (absent) are allowed. */
    public boolean canMessage() {
        return tasks.map(t -> t.stream().anyMatch(task -> MESSAGING_TASKS.contains(task.trim()
                .toUpperCase(Locale.ROOT)))).orElse(true);
    }

    @Override
    public String toString() {
        return "FacebookPage[" + id + ", " + name + ", token=<redacted>]";
    }

    public record LinkedAccount(String igUserId, String username) {
    }
}
