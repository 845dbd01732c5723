package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.SubscriptionCheck;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A channel as the pages show it: plain strings, times in UTC, a badge class per status, the subscription watchdog's
 * last check, and never the token (the
 * Avro record with its encrypted token never reaches a template).
 */
public record ChannelRow(String channelId, String username, String flavour, String flavourLabel, String status,
                         String badge, String statusReason, String pageId, String connectedAt, String tokenExpiresAt,
                         boolean reconnect, boolean disconnected, String subscriptionCheck) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public static ChannelRow of(Channel c) {
        String status = c.getStatus().name();
        return new ChannelRow(c.getChannelId(), c.getUsername(), c.getFlavour().name(),
                c.getFlavour() == Flavour.INSTAGRAM_LOGIN ? "Instagram Login" : "Facebook Login",
                status, switch (c.getStatus()) {
                    case ACTIVE -> "badge-active";
                    case REAUTH_REQUIRED -> "badge-reauth";
                    default -> "badge-off";
                }, c.getStatusReason(), c.getPageId(), time(c.getConnectedAt()),
                c.getTokenExpiresAt() == null ? "does not expire" : time(c.getTokenExpiresAt()),
                c.getStatus().name().equals("REAUTH_REQUIRED"), c.getStatus().name().equals("DISCONNECTED"),
                subscriptionCheck(c.getSubscriptionCheck()));
    }

    /** The watchdog's last check in one line, e.g. "OK at 2026-12-07 08:00 UTC"; "not checked yet" before. */
    static String subscriptionCheck(SubscriptionCheck check) {
        if (check == null) {
            return "not checked yet";
        }
        String line = check.getOutcome().name() + " at " + time(check.getCheckedAt());
        if (!check.getMissingFields().isEmpty()) {
            line += " (missing: " + String.join(", ", check.getMissingFields()) + ")";
        }
        return check.getDetail() == null ? line : line + " — " + check.getDetail();
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
