package io.igrelay.sandbox.graph;

import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaSignatures;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the access token of a Graph call (Bearer header or access_token parameter) and answers Meta's errors:
 * 104 when missing, 190 when unknown, of the wrong kind for the host, revoked (460/458) or expired (463).
 * On graph.facebook.com an appsecret_proof, when given, must be HMAC-SHA256(app secret, token) in hex.
 */
public final class GraphAuth {
    private static final DateTimeFormatter META_TIME = DateTimeFormatter
            .ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.ENGLISH).withZone(ZoneId.of("America/Los_Angeles"));

    private GraphAuth() {
    }

    /** Thrown with the error to answer. */
    public static final class Denied extends Exception {
        public final transient GraphErrorBody error;

        public Denied(GraphErrorBody error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    public static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return GraphReply.param(ctx, "access_token");
    }

    public static TokenInfo require(RoutingContext ctx, SandboxState state, Set<TokenInfo.Kind> kinds)
            throws Denied {
        return check(token(ctx), ctx, state, kinds);
    }

    public static TokenInfo check(String token, RoutingContext ctx, SandboxState state, Set<TokenInfo.Kind> kinds)
            throws Denied {
        if (token == null || token.isEmpty()) {
            throw new Denied(GraphErrorBody.missingToken());
        }
        TokenInfo info = state.tokens().find(token).orElse(null);
        if (info == null || !kinds.contains(info.kind())) {
            throw new Denied(GraphErrorBody.invalidToken());
        }
        Integer revoked = state.tokens().revocation(token).orElse(null);
        if (revoked != null) {
            throw new Denied(GraphErrorBody.tokenRevoked(revoked));
        }
        long now = state.clock().millis();
        if (info.expiredAt(now)) {
            throw new Denied(GraphErrorBody.tokenExpired(META_TIME.format(Instant.ofEpochMilli(info.expiresAt())),
                    META_TIME.format(Instant.ofEpochMilli(now))));
        }
        String proof = ctx == null ? null : GraphReply.param(ctx, "appsecret_proof");
        if (proof != null && info.kind().flavour() == Flavour.FACEBOOK_LOGIN
                && !proof.equalsIgnoreCase(MetaSignatures.hex(state.config().metaAppSecret(), token))) {
            throw new Denied(GraphErrorBody.invalidParam("Invalid appsecret_proof provided in the API argument"));
        }
        return info;
    }
}
