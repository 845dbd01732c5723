package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's Messenger Profile API for an Instagram account: {@code POST|GET|DELETE /{id}/messenger_profile} with
 * {@code ice_breakers} and {@code persistent_menu}; on graph.facebook.com with {@code platform=instagram} (without it
 * the call is about the Page's Messenger profile, kept apart). POST and DELETE answer {@code {"result":"success"}};
 * GET {@code fields=ice_breakers} answers the localized ice breakers as {@code data}; GET of other fields answers
 * {@code {"data":[{field: value}]}}. The limits are {@link MessagingProfileRules}'.
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/ice-breakers,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/ice-breakers,
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/persistent-menu,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/persistent-menu
 */
public final class MessengerProfile {
    static final List<String> FIELDS = List.of("ice_breakers", "persistent_menu");

    private final SandboxState state;
    private final BusinessCalls calls;

    public MessengerProfile(SandboxState state, boolean instagramHost) {
        this.state = state;
        this.calls = new BusinessCalls(state, instagramHost);
    }

    /** Mount before the host's catch-all node routes. */
    public void mount(Router r) {
        r.post("/:version/:id/messenger_profile").handler(this::set);
        r.get("/:version/:id/messenger_profile").handler(this::read);
        r.delete("/:version/:id/messenger_profile").handler(this::delete);
    }

    private String platform(RoutingContext ctx, JsonNode body) {
        return calls.instagramHost() || "instagram".equals(BusinessCalls.param(ctx, body, "platform"))
                ? "instagram" : "messenger";
    }

    private void set(RoutingContext ctx) {
        calls.handle(ctx, (business, body) -> {
            List<String> given = FIELDS.stream().filter(body::has).toList();
            if (given.isEmpty()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("Requires one of the params: " + FIELDS));
            }
            String platform = platform(ctx, body);
            List<JsonNode> values = new ArrayList<>();
            for (String field : given) {
                values.add(field.equals("ice_breakers") ? MessagingProfileRules.iceBreakers(body.get(field))
                        : MessagingProfileRules.persistentMenu(body.get(field)));
            }
            for (int i = 0; i < given.size(); i++) {
                state.messaging().set(business.ownerId(), platform, given.get(i), values.get(i));
            }
            return success();
        });
    }

    private void read(RoutingContext ctx) {
        calls.handle(ctx, (business, body) -> {
            String fields = GraphReply.param(ctx, "fields");
            if (fields == null || fields.isBlank()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("The parameter fields is required"));
            }
            String platform = platform(ctx, body);
            ObjectNode out = MetaJson.object();
            ArrayNode data = out.putArray("data");
            if (fields.trim().equals("ice_breakers")) {
                state.messaging().get(business.ownerId(), platform, "ice_breakers").ifPresent(v -> v.forEach(data::add));
                return new BusinessCalls.Answer(200, out);
            }
            ObjectNode values = MetaJson.object();
            for (String f : fields.split(",")) {
                state.messaging().get(business.ownerId(), platform, f.trim()).ifPresent(v -> values.set(f.trim(), v));
            }
            if (!values.isEmpty()) {
                data.add(values);
            }
            return new BusinessCalls.Answer(200, out);
        });
    }

    private void delete(RoutingContext ctx) {
        calls.handle(ctx, (business, body) -> {
            List<String> fields = new ArrayList<>();
            if (body.path("fields").isArray()) {
                body.get("fields").forEach(f -> fields.add(f.asText()));
            } else if (GraphReply.param(ctx, "fields") != null) {
                fields.addAll(List.of(GraphReply.param(ctx, "fields").replaceAll("[\\[\\]\" ]", "").split(",")));
            }
            if (fields.isEmpty() || !FIELDS.containsAll(fields)) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("param fields must be a non-empty array of "
                        + FIELDS));
            }
            String platform = platform(ctx, body);
            fields.forEach(f -> state.messaging().delete(business.ownerId(), platform, f));
            return success();
        });
    }

    private static BusinessCalls.Answer success() {
        return new BusinessCalls.Answer(200, MetaJson.object().put("result", "success"));
    }
}
