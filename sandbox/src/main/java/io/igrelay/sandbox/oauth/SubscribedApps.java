package io.igrelay.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.graph.GraphReply;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /subscribed_apps} of an Instagram account (Instagram Login) or of its Page (Facebook Login): POST sets the
 * webhook fields and re-enables a subscription Meta disabled, GET lists it, DELETE removes it. Each namespace takes
 * only its own field names, as Meta answers {@code (#100) Param subscribed_fields must be one of {...}} otherwise:
 * Page fields (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps, Messenger's webhook
 * field list https://developers.facebook.com/docs/messenger-platform/reference/webhook-events) on a Page, Instagram
 * fields (https://developers.facebook.com/docs/instagram-platform/webhooks) on an Instagram account.
 */
final class SubscribedApps {
    static final Set<String> INSTAGRAM_FIELDS = Set.of("comments", "live_comments", "mentions", "message_reactions",
            "messages", "messaging_postbacks", "messaging_referral", "messaging_seen", "messaging_optins",
            "messaging_handover", "standby", "message_edit", "story_insights");
    static final Set<String> PAGE_FIELDS = Set.of("feed", "messages", "message_deliveries", "message_echoes",
            "message_edits", "message_reactions", "message_reads", "messaging_account_linking", "messaging_feedback",
            "messaging_game_plays", "messaging_handovers", "messaging_optins", "messaging_optouts",
            "messaging_policy_enforcement", "messaging_postbacks", "messaging_referrals", "standby", "inbox_labels",
            "mention", "name", "picture", "ratings");

    private SubscribedApps() {
    }

    static void handle(RoutingContext ctx, SandboxState state, Optional<IgAccount> account, Flavour flavour,
            String appId) {
        switch (ctx.request().method().name()) {
            case "POST" -> subscribe(ctx, state, account, flavour);
            case "DELETE" -> {
                account.ifPresent(IgAccount::unsubscribe);
                GraphReply.json(ctx, 200, MetaJson.object().put("success", true));
            }
            default -> list(ctx, account, appId);
        }
    }

    private static void subscribe(RoutingContext ctx, SandboxState state, Optional<IgAccount> account,
            Flavour flavour) {
        String spec = GraphReply.param(ctx, "subscribed_fields");
        if (spec == null || spec.isBlank()) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.invalidParam("The parameter subscribed_fields is required."));
            return;
        }
        Set<String> known = flavour == Flavour.FACEBOOK_LOGIN ? PAGE_FIELDS : INSTAGRAM_FIELDS;
        List<String> fields = new ArrayList<>();
        for (String f : spec.split(",")) {
            String field = f.trim();
            if (!known.contains(field)) {
                GraphReply.error(ctx, state.ids(), GraphErrorBody.invalidParam("Param subscribed_fields must be one of "
                        + "{" + String.join(", ", known.stream().sorted().toList()) + "} - got \"" + field + "\"."));
                return;
            }
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }
        account.ifPresent(a -> a.subscribe(new IgAccount.Subscription(flavour, List.copyOf(fields), false,
                state.clock().millis())));
        GraphReply.json(ctx, 200, MetaJson.object().put("success", true));
    }

    private static void list(RoutingContext ctx, Optional<IgAccount> account, String appId) {
        ObjectNode root = MetaJson.object();
        ArrayNode data = root.putArray("data");
        account.flatMap(IgAccount::subscription).filter(s -> !s.disabled()).ifPresent(s -> {
            ObjectNode app = data.addObject();
            ArrayNode fields = app.putArray("subscribed_fields");
            s.fields().forEach(fields::add);
            app.put("name", "igrelay sandbox app").put("id", appId);
        });
        GraphReply.json(ctx, 200, root);
    }
}
