package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Flavour;
import io.igrelay.ingress.metagraph.FacebookPage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One browser's server-side session: who signed in (never the API key itself), the CSRF token of its forms, the
 * OAuth {@code state}s it started (each single-use, with an expiry) and, mid Facebook flow, the granted Pages with
 * their tokens — kept here so that no token ever reaches the browser.
 */
public final class DashboardSession {

    private final String id;
    private final String csrfToken;
    private final Instant createdAt;
    private final Map<String, PendingState> states = new ConcurrentHashMap<>();
    private volatile Instant lastSeen;
    private volatile SignedIn signedIn;
    private volatile FacebookGrant facebook;

    DashboardSession(String id, String csrfToken, Instant now) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** Constant-time check of a form's token. */
    public boolean csrfMatches(String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<SignedIn> signedIn() {
        return Optional.ofNullable(signedIn);
    }

    void signIn(SignedIn who) {
        this.signedIn = who;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    /** Records a freshly issued OAuth state. */
    public void addState(String state, Flavour flavour, Instant expiresAt) {
        states.put(state, new PendingState(flavour, expiresAt));
    }

    /** Removes and returns the state: a second use finds nothing (replay). */
    public Optional<PendingState> consumeState(String state) {
        return state == null ? Optional.empty() : Optional.ofNullable(states.remove(state));
    }

    public Optional<FacebookGrant> facebook() {
        return Optional.ofNullable(facebook);
    }

    public void facebook(FacebookGrant grant) {
        this.facebook = grant;
    }

    /** Who signed in, and with which key (the session ends when that key is rotated out or revoked). */
    public record SignedIn(String applicationId, String applicationName, String keyId) {
    }

    public record PendingState(Flavour flavour, Instant expiresAt) {
    }

    /** What the Facebook callback learned, waiting for the user to pick a Page and an account. */
    public record FacebookGrant(String appScopedUserId, List<FacebookPage> pages, Optional<String> chosenPageId) {
        public Optional<FacebookPage> page(String pageId) {
            return pages.stream().filter(p -> p.id().equals(pageId)).findFirst();
        }

        public FacebookGrant choose(String pageId) {
            return new FacebookGrant(appScopedUserId, pages, Optional.of(pageId));
        }

        @Override
        public String toString() {
            return "FacebookGrant[" + pages.size() + " pages]";
        }
    }
}
