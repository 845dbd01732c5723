package io.igrelay.ingress.metagraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which webhook fields a connected account is subscribed to, in two lists because Meta has two namespaces: a Page
 * ({@code POST /{page-id}/subscribed_apps}, Facebook Login) takes Page fields and answers {@code (#100) Param
 * subscribed_fields must be one of {...}} to an Instagram name such as messaging_seen; an Instagram account
 * ({@code POST /me/subscribed_apps}, Instagram Login) takes the Instagram fields. Sources: Page fields from
 * https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps and the Messenger webhook field list
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events; Instagram fields from
 * https://developers.facebook.com/docs/instagram-platform/webhooks (field table) and
 * https://developers.facebook.com/documentation/instagram-platform/webhooks/fields.
 */
public record SubscribedFields(List<String> page, List<String> instagram) {

    /** Page webhook fields that concern messaging (plus feed, the field Meta's own example subscribes). */
    public static final Set<String> PAGE_FIELDS = Set.of("feed", "messages", "message_deliveries", "message_echoes",
            "message_edits", "message_reactions", "message_reads", "messaging_account_linking", "messaging_feedback",
            "messaging_game_plays", "messaging_handovers", "messaging_optins", "messaging_optouts",
            "messaging_policy_enforcement", "messaging_postbacks", "messaging_referrals", "standby", "inbox_labels");

    /** Instagram webhook fields of an Instagram professional account. */
    public static final Set<String> INSTAGRAM_FIELDS = Set.of("comments", "live_comments", "mentions",
            "message_reactions", "messages", "messaging_postbacks", "messaging_referral", "messaging_seen",
            "messaging_optins", "messaging_handover", "standby", "message_edit", "story_insights");

    public static final String DEFAULT_INSTAGRAM =
            "messages,messaging_postbacks,messaging_seen,message_reactions,messaging_referral";
    public static final String DEFAULT_PAGE =
            "messages,messaging_postbacks,messaging_optins,message_reactions,messaging_referrals";

    public SubscribedFields {
        page = List.copyOf(page);
        instagram = List.copyOf(instagram);
    }

    public static SubscribedFields defaults() {
        return new SubscribedFields(split(DEFAULT_PAGE), split(DEFAULT_INSTAGRAM));
    }

    /** The comma-separated list, trimmed, empty names dropped. */
    public static List<String> split(String spec) {
        return Arrays.stream(spec.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    }

    /** What is wrong with a configured list, one sentence per problem; empty when it is valid. */
    public static List<String> problems(String variable, List<String> fields, Set<String> allowed, String kind) {
        List<String> problems = new ArrayList<>();
        if (fields.isEmpty()) {
            problems.add(variable + " must name at least one " + kind + " webhook field");
        }
        List<String> unknown = fields.stream().filter(f -> !allowed.contains(f)).toList();
        if (!unknown.isEmpty()) {
            problems.add(variable + " has " + unknown + ", which Meta does not accept as " + kind
                    + " webhook fields; choose from " + new TreeSet<>(allowed));
        }
        return problems;
    }

    public String pageParam() {
        return String.join(",", page);
    }

    public String instagramParam() {
        return String.join(",", instagram);
    }

    /** The configured fields of {@code flavour}'s namespace that {@code subscribed} lacks, in configured order. */
    public List<String> missing(boolean viaPage, List<String> subscribed) {
        return (viaPage ? page : instagram).stream().filter(f -> !subscribed.contains(f)).toList();
    }
}
