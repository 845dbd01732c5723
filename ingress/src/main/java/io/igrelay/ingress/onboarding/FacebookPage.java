package io.igrelay.ingress.onboarding;

import java.util.List;
import java.util.Optional;

/**
 * One Page the Facebook user granted, as {@code /me/accounts} lists it: its Page token (kept server-side in the
 * session, never rendered), the user's tasks on it (absent when Meta did not say) and the linked Instagram
 * professional account, if any.
 */
public record FacebookPage(String id, String name, String pageToken, Optional<List<String>> tasks,
                           Optional<LinkedAccount> instagram) {

    /** Messaging through a Page needs the MESSAGING (or full MANAGE) task. */
    public boolean canMessage() {
        return tasks.map(t -> t.contains("MESSAGING") || t.contains("MANAGE")).orElse(true);
    }

    @Override
    public String toString() {
        return "FacebookPage[" + id + ", " + name + ", token=<redacted>]";
    }

    public record LinkedAccount(String igUserId, String username) {
    }
}
