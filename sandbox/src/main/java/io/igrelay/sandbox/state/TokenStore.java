package io.igrelay.sandbox.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tokens, authorization codes and revocations. Lifetimes follow Meta's documentation: Instagram short-lived 1 h,
 * long-lived 60 days (refreshable once at least 24 h old and not expired); Facebook user short-lived 2 h,
 * long-lived 60 days; Page tokens from a long-lived user token do not expire.
 */
public final class TokenStore {
    public static final Duration IG_SHORT = Duration.ofHours(1);
    public static final Duration LONG_LIVED = Duration.ofDays(60);
    public static final Duration FB_SHORT = Duration.ofHours(2);
    public static final Duration CODE_TTL = Duration.ofMinutes(10);

    private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> revoked = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Ids ids;

    public TokenStore(Ids ids) {
        this.ids = ids;
    }

    public TokenInfo issue(TokenInfo.Kind kind, String subject, long now, List<String> scopes) {
        return issue(kind, subject, now, scopes, List.of(), 0);
    }

    /** Issues a token; {@code ttlOverride} > 0 replaces the kind's lifetime (Page tokens of short user tokens). */
    public TokenInfo issue(TokenInfo.Kind kind, String subject, long now, List<String> scopes, List<String> pages,
            long ttlOverride) {
        long ttl = switch (kind) {
            case IG_SHORT -> IG_SHORT.toMillis();
            case FB_USER_SHORT -> FB_SHORT.toMillis();
            case IG_LONG, FB_USER_LONG -> LONG_LIVED.toMillis();
            case FB_PAGE -> ttlOverride > 0 ? ttlOverride : -1;
        };
        String prefix = kind.flavour() == Flavour.INSTAGRAM_LOGIN ? "IGAA" : "EAA";
        TokenInfo t = new TokenInfo(ids.token(prefix), kind, subject, now,
                ttl < 0 ? Long.MAX_VALUE : now + ttl, List.copyOf(scopes), List.copyOf(pages));
        tokens.put(t.token(), t);
        return t;
    }

    public Optional<TokenInfo> find(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
    }

    /** The error subcode a revoked token answers with, if it was revoked. */
    public Optional<Integer> revocation(String token) {
        return Optional.ofNullable(revoked.get(token));
    }

    public void revoke(String token, int subcode) {
        revoked.put(token, subcode);
    }

    /** Revokes every token whose subject is one of {@code subjects}; returns how many. */
    public int revokeSubjects(Collection<String> subjects, int subcode) {
        int n = 0;
        for (TokenInfo t : tokens.values()) {
            if (subjects.contains(t.subject())) {
                revoked.put(t.token(), subcode);
                n++;
            }
        }
        return n;
    }

    public AuthCode newCode(Flavour flavour, String subject, String redirectUri, List<String> scopes,
            List<String> pages, long now) {
        AuthCode c = new AuthCode(ids.code(), flavour, subject, redirectUri, List.copyOf(scopes),
                List.copyOf(pages), now + CODE_TTL.toMillis(), new AtomicBoolean());
        codes.put(c.code(), c);
        return c;
    }

    public Optional<AuthCode> code(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(codes.get(code));
    }

    public List<TokenInfo> all() {
        List<TokenInfo> list = new ArrayList<>(tokens.values());
        list.sort((a, b) -> Long.compare(a.issuedAt(), b.issuedAt()));
        return list;
    }

    /** Restores a token (and its revocation, if any) from a snapshot. */
    public void restore(TokenInfo t, Integer revokedSubcode) {
        tokens.put(t.token(), t);
        if (revokedSubcode != null) {
            revoked.put(t.token(), revokedSubcode);
        }
    }

    public boolean isRevoked(String token) {
        return revoked.containsKey(token);
    }
}
