package io.igrelay.sandbox.state;

import java.util.List;
import java.util.Optional;

/**
 * A Facebook Page of the Facebook Login flavour; the linked Instagram business account (if any) is what
 * /{page}?fields=instagram_business_account returns, and {@code tasks} what /me/accounts lists as the signed-in
 * user's tasks on it. A Page without an account, or whose tasks lack MESSAGING, is a seeded fixture the hub must
 * refuse. A Page a business portfolio owns is listed by /me/accounts only to a token with business_management.
 */
public record FbPage(String id, String name, Optional<String> instagramAccountId, List<String> tasks,
        boolean businessOwned) {

    /** The tasks of a Page's admin (Meta's full list). */
    public static final List<String> ALL_TASKS =
            List.of("ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE");

    public FbPage(String id, String name, Optional<String> instagramAccountId) {
        this(id, name, instagramAccountId, ALL_TASKS, false);
    }

    public FbPage(String id, String name, Optional<String> instagramAccountId, List<String> tasks) {
        this(id, name, instagramAccountId, tasks, false);
    }

    public FbPage {
        tasks = List.copyOf(tasks);
    }
}
