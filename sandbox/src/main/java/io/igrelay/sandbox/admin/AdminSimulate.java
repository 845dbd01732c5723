package io.igrelay.sandbox.admin;

import static io.igrelay.sandbox.admin.AdminJson.optional;
import static io.igrelay.sandbox.admin.AdminJson.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.simulate.SharedContent;
import io.igrelay.sandbox.simulate.UserSimulator;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code POST /sandbox/simulate/*}: a simulated Instagram user acts on a business account. Every body names the
 * {@code account} (id or username) and the user ({@code from}, an IGSID); the answer is the SimulationResult.
 */
final class AdminSimulate {
    private final UserSimulator users;

    AdminSimulate(UserSimulator users) {
        this.users = users;
    }

    void mount(Router r) {
        r.post("/simulate/message").handler(this::message);
        r.post("/simulate/story-reply").handler(ctx -> run(ctx, b -> users.storyReply(acc(b), from(b),
                required(b, "text"), b.path("storyId").asText("17900000000000001"),
                b.path("storyUrl").asText("https://lookaside.fbsbx.com/ig_sandbox_cdn/?asset_id=1"))));
        r.post("/simulate/story-mention").handler(ctx -> run(ctx, b -> users.message(acc(b), from(b),
                attachments("story_mention", b.path("url").asText(
                        "https://lookaside.fbsbx.com/ig_sandbox_cdn/?asset_id=2")))));
        r.post("/simulate/quick-reply").handler(ctx -> run(ctx, b -> users.quickReply(acc(b), from(b),
                required(b, "title"), required(b, "payload"))));
        r.post("/simulate/postback").handler(ctx -> run(ctx, b -> users.postback(acc(b), from(b),
                required(b, "title"), required(b, "payload"))));
        r.post("/simulate/reaction").handler(ctx -> run(ctx, b -> users.reaction(acc(b), from(b),
                optional(b, "mid"), b.path("action").asText("react"), b.path("reaction").asText("love"),
                b.path("emoji").asText("\u2764\ufe0f"))));
        r.post("/simulate/seen").handler(ctx -> run(ctx, b -> users.seen(acc(b), from(b), optional(b, "mid"))));
        r.post("/simulate/unsend").handler(ctx -> run(ctx, b -> users.unsend(acc(b), from(b), optional(b, "mid"))));
        r.post("/simulate/dashboard-test").handler(ctx -> {
            users.dashboardTest(Flavour.parse(AdminJson.body(ctx).path("app")
                    .asText("instagram")));
            AdminJson.reply(ctx, 202, MetaJson.object().put("queued", true));
        });
        r.post("/simulate/referral").handler(ctx -> run(ctx, b -> users.referral(acc(b), from(b),
                required(b, "ref"), optional(b, "source"))));
        mountShares(r);
        r.post("/simulate/message-edit").handler(ctx -> run(ctx, b -> users.edit(acc(b), from(b),
                optional(b, "mid"), required(b, "text"), b.path("numEdit").asInt(1))));
        r.post("/simulate/optin").handler(ctx -> run(ctx, b -> users.optin(acc(b), from(b),
                b.path("payload").asText("OPTIN_PAYLOAD"), b.path("title").asText("Weekly offers"))));
        r.post("/simulate/handover").handler(ctx -> run(ctx, b -> users.handover(acc(b), from(b),
                handoverAction(required(b, "action")), b.path("metadata").asText("additional content"))));
        r.post("/simulate/standby").handler(ctx -> run(ctx, b -> users.standby(acc(b), from(b),
                required(b, "text"))));
        r.post("/simulate/comment").handler(ctx -> run(ctx, b -> users.comments().comment(acc(b), from(b),
                required(b, "text"), optional(b, "mediaId"), optional(b, "parentId"), false,
                Duration.ofSeconds(b.path("ageSeconds").asLong(0)))));
        r.post("/simulate/live-comment").handler(ctx -> run(ctx, b -> users.comments().comment(acc(b), from(b),
                required(b, "text"), optional(b, "mediaId"), null, true)));
    }

    /** Shares of a post, story or reel, and disappearing media: each a user message with one attachment. */
    private void mountShares(Router r) {
        r.post("/simulate/share-post").handler(ctx -> run(ctx, b -> users.message(acc(b), from(b),
                SharedContent.post(b.path("url").asText("https://www.instagram.com/p/DCsandbox01/"),
                        b.path("title").asText("New arrivals"), b.path("mediaId").asText("18060000000000001")))));
        r.post("/simulate/share-story").handler(ctx -> run(ctx, b -> users.message(acc(b), from(b),
                SharedContent.story(b.path("url").asText("https://lookaside.fbsbx.com/ig_sandbox_cdn/?asset_id=3"),
                        b.path("storyId").asText("17900000000000002")))));
        r.post("/simulate/reel").handler(ctx -> run(ctx, b -> users.message(acc(b), from(b),
                SharedContent.reel(b.path("url").asText("https://lookaside.fbsbx.com/ig_sandbox_cdn/?asset_id=4"),
                        b.path("title").asText("Behind the scenes"), b.path("videoId").asText("18070000000000003")))));
        r.post("/simulate/ephemeral").handler(ctx -> run(ctx, b -> users.message(acc(b), from(b),
                SharedContent.ephemeral())));
    }

    private static String handoverAction(String action) {
        if (!action.equals("pass") && !action.equals("take") && !action.equals("request")) {
            throw new AdminJson.BadRequest(400, "action must be pass, take or request");
        }
        return action;
    }

    /** text and/or attachment {type,url}, optional replyToMid, optional referral object (source ADS = CTD ad). */
    private void message(RoutingContext ctx) {
        run(ctx, b -> {
            ObjectNode content = MetaJson.object();
            String text = optional(b, "text");
            JsonNode att = b.get("attachment");
            if (text == null && att == null) {
                throw new AdminJson.BadRequest(400, "give text and/or attachment {type, url}");
            }
            if (text != null) {
                content.put("text", text);
            }
            if (att != null) {
                content.setAll(attachments(required(att, "type"), att.path("url").asText(null)));
            }
            String replyTo = optional(b, "replyToMid");
            if (replyTo != null) {
                content.putObject("reply_to").put("mid", replyTo);
            }
            if (b.get("referral") instanceof ObjectNode ref) {
                content.set("referral", ref.deepCopy());
            }
            return users.message(acc(b), from(b), content);
        });
    }

    private static ObjectNode attachments(String type, String url) {
        ObjectNode content = MetaJson.object();
        ArrayNode list = content.putArray("attachments");
        ObjectNode a = list.addObject().put("type", type);
        if (url != null) {
            a.putObject("payload").put("url", url);
        }
        return content;
    }

    private static String acc(JsonNode b) {
        return required(b, "account");
    }

    private static String from(JsonNode b) {
        return required(b, "from");
    }

    private interface Action {
        Object apply(ObjectNode body);
    }

    private static void run(RoutingContext ctx, Action action) {
        AdminJson.ok(ctx, action.apply(AdminJson.body(ctx)));
    }
}
