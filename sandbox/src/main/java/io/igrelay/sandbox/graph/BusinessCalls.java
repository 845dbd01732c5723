package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.RecordedGraphCall;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The common part of the business-side messaging calls other than the Send API (Attachment Upload, Messenger
 * Profile): the token of the host (an Instagram token on graph.instagram.com, a Page token on graph.facebook.com) with
 * its messaging permission, the path id ({@code me}, the account's or the Page's id), the JSON body, and the
 * inspection log entry of every answer.
 */
final class BusinessCalls {
    private static final Set<TokenInfo.Kind> IG_KINDS = EnumSet.of(TokenInfo.Kind.IG_SHORT, TokenInfo.Kind.IG_LONG);
    private static final Set<TokenInfo.Kind> FB_KINDS = EnumSet.of(TokenInfo.Kind.FB_PAGE);
    private static final String IG_SCOPE = "instagram_business_manage_messages";
    private static final String FB_SCOPE = "instagram_manage_messages";

    /** The business a call acts for: its Instagram account, and on graph.facebook.com the Page that holds it. */
    record Business(IgAccount account, String ownerId) {
    }

    interface Action {
        /** Answers the call (status, body). */
        Answer run(Business business, JsonNode body) throws GraphAuth.Denied;
    }

    record Answer(int status, JsonNode body) {
    }

    private final SandboxState state;
    private final boolean instagramHost;

    BusinessCalls(SandboxState state, boolean instagramHost) {
        this.state = state;
        this.instagramHost = instagramHost;
    }

    boolean instagramHost() {
        return instagramHost;
    }

    void handle(RoutingContext ctx, Action action) {
        IgAccount account = null;
        JsonNode body = null;
        int status;
        try {
            TokenInfo token = GraphAuth.require(ctx, state, instagramHost ? IG_KINDS : FB_KINDS);
            if (!token.scopes().contains(instagramHost ? IG_SCOPE : FB_SCOPE)) {
                throw new GraphAuth.Denied(GraphErrorBody.permission("Application does not have permission for this "
                        + "action (missing " + (instagramHost ? IG_SCOPE : FB_SCOPE) + ")"));
            }
            Business business = resolve(token, ctx.pathParam("id"));
            account = business.account();
            body = parse(ctx.body().buffer());
            Answer answer = action.run(business, body);
            status = answer.status();
            GraphReply.json(ctx, status, answer.body());
        } catch (GraphAuth.Denied d) {
            status = d.error.httpStatus();
            GraphReply.error(ctx, state.ids(), d.error);
        }
        String query = ctx.request().query();
        state.graphCalls().add(new RecordedGraphCall(state.graphCalls().nextSeq(), state.clock().millis(),
                instagramHost ? "graph.instagram.com" : "graph.facebook.com", ctx.request().method().name(),
                ctx.normalizedPath() + (query == null ? "" : "?" + query), account == null ? null : account.userId(),
                body, status));
    }

    private Business resolve(TokenInfo token, String pathId) throws GraphAuth.Denied {
        if (instagramHost) {
            IgAccount acc = state.directory().account(token.subject())
                    .orElseThrow(() -> new GraphAuth.Denied(GraphErrorBody.unknownObject(pathId)));
            if (!pathId.equals("me") && !pathId.equals(acc.userId()) && !pathId.equals(acc.appScopedId())) {
                throw new GraphAuth.Denied(GraphErrorBody.unknownObject(pathId));
            }
            return new Business(acc, acc.userId());
        }
        FbPage page = state.directory().page(token.subject())
                .orElseThrow(() -> new GraphAuth.Denied(GraphErrorBody.unknownObject(pathId)));
        if (!pathId.equals("me") && !pathId.equals(page.id())) {
            throw new GraphAuth.Denied(GraphErrorBody.unknownObject(pathId));
        }
        IgAccount acc = page.instagramAccountId().flatMap(id -> state.directory().account(id))
                .orElseThrow(() -> new GraphAuth.Denied(GraphErrorBody.unknownObject(pathId)));
        return new Business(acc, page.id());
    }

    private static JsonNode parse(Buffer buf) throws GraphAuth.Denied {
        if (buf == null || buf.length() == 0) {
            return MetaJson.object();
        }
        try {
            return MetaJson.parse(buf.getBytes());
        } catch (IOException e) {
            throw new GraphAuth.Denied(GraphErrorBody.invalidParam("Invalid JSON for postdata"));
        }
    }

    /** A field of the JSON body, else the query parameter of that name (Graph accepts either). */
    static String param(RoutingContext ctx, JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v != null && !v.isNull() ? v.asText() : GraphReply.param(ctx, name);
    }
}
