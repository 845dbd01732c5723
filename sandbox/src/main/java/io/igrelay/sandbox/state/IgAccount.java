package io.igrelay.sandbox.state;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Instagram account known to the simulated Meta: its professional id (webhook entry.id, /me user_id), the
 * app-scoped id that Instagram Login's /me returns as "id" (the documented trap: they differ), and mutable
 * webhook-subscription and rate-limit state that the Graph API and admin API change.
 */
public final class IgAccount {
    public static final Set<String> ALL_FIELDS = Set.of("messages", "messaging_postbacks", "messaging_seen",
            "message_reactions", "messaging_referral");

    private final String userId;
    private final String appScopedId;
    private final String username;
    private final String name;
    private final String accountType;
    private volatile Subscription subscription;
    private volatile int textPerSecond;
    private volatile int mediaPerSecond;
    private volatile int rateLimitCode = 613;

    public IgAccount(String userId, String appScopedId, String username, String name, String accountType,
            int textPerSecond, int mediaPerSecond) {
        this.userId = userId;
        this.appScopedId = appScopedId;
        this.username = username;
        this.name = name;
        this.accountType = accountType;
        this.textPerSecond = textPerSecond;
        this.mediaPerSecond = mediaPerSecond;
    }

    /** What the account subscribed to, through which login flavour, and whether Meta disabled it after an outage. */
    public record Subscription(Flavour flavour, List<String> fields, boolean disabled, long changedAt) {
        public boolean delivers(String field) {
            return !disabled && (fields.contains(field)
                    || field.equals("message_reactions") && fields.contains("messaging_reactions"));
        }
    }

    public String userId() { return userId; }
    public String appScopedId() { return appScopedId; }
    public String username() { return username; }
    public String name() { return name; }
    public String accountType() { return accountType; }
    public boolean professional() { return !"PERSONAL".equals(accountType); }

    public Optional<Subscription> subscription() { return Optional.ofNullable(subscription); }
    public void subscribe(Subscription s) { this.subscription = s; }
    public void unsubscribe() { this.subscription = null; }

    public int textPerSecond() { return textPerSecond; }
    public int mediaPerSecond() { return mediaPerSecond; }
    public int rateLimitCode() { return rateLimitCode; }

    public void rateLimits(int text, int media, int code) {
        this.textPerSecond = text;
        this.mediaPerSecond = media;
        this.rateLimitCode = code;
    }
}
