package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What Meta says about an account beyond one message: a restriction that blocks all its sends (368 "Temporarily
 * blocked for policies violations", https://developers.facebook.com/docs/graph-api/guides/error-handling, or 10
 * with a subcode such as 1893063) and the usage headers on every answer — X-App-Usage {call_count, total_time,
 * total_cputime} and X-Business-Use-Case-Usage {"<id>":[{type, call_count, total_time, total_cputime,
 * estimated_time_to_regain_access}]} (https://developers.facebook.com/docs/graph-api/overview/rate-limiting). Both are
 * set through the admin API; the messages are the sandbox's own.
 */
final class AccountStanding {

    private AccountStanding() {
    }

    static Optional<GraphErrorBody> restriction(IgAccount account, boolean instagramHost) {
        return account.restriction().map(r -> r.code() == 368
                ? new GraphErrorBody(400, "(#368) The action attempted has been deemed abusive or is otherwise "
                        + "disallowed", GraphErrorBody.OAUTH, 368, r.subcode(), false)
                : new GraphErrorBody(403, "(#" + r.code() + ") This account is temporarily restricted from sending "
                        + "messages", instagramHost ? GraphErrorBody.IG_API : GraphErrorBody.OAUTH, r.code(), r.subcode(),
                        false));
    }

    static void usageHeaders(HttpServerResponse response, SandboxState state, IgAccount account,
            boolean instagramHost) {
        state.appUsage().ifPresent(u -> response.putHeader("X-App-Usage", header(usage(u, false))));
        account.usage().ifPresent(u -> {
            ObjectNode root = MetaJson.object();
            ArrayNode entries = root.putArray(account.userId());
            entries.add(usage(u, true).put("type", instagramHost ? "instagram" : "pages"));
            response.putHeader("X-Business-Use-Case-Usage", header(root));
        });
    }

    private static ObjectNode usage(IgAccount.Usage u, boolean regain) {
        ObjectNode node = MetaJson.object().put("call_count", u.callCount()).put("total_cputime", u.totalCputime())
                .put("total_time", u.totalTime());
        if (regain) {
            node.put("estimated_time_to_regain_access", u.regainMinutes());
        }
        return node;
    }

    private static String header(ObjectNode node) {
        return new String(MetaJson.bytes(node), StandardCharsets.US_ASCII);
    }
}
