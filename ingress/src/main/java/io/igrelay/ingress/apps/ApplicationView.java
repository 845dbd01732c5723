package io.igrelay.ingress.apps;

import io.igrelay.avro.ApiKey;
import io.igrelay.avro.Application;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress's in-memory copy of hub.applications (fed by a schemas CompactedTopicView and by the ingress's own
 * writes, since it is the topic's sole writer). Answers "which Application owns this API key", comparing the SHA-256
 * of the presented secret in constant time and honouring the expiry of keys being rotated out.
 */
public final class ApplicationView {

    /** Hash compared against when the key id is unknown, so unknown and wrong keys take the same path. */
    private static final byte[] NO_HASH = ApiKeyCredentials.sha256("igrelay-no-such-key");

    private final Map<String, Application> byId = new ConcurrentHashMap<>();
    private final Map<String, String> applicationIdByKeyId = new ConcurrentHashMap<>();

    /** Applies one record of the topic; a null value (tombstone) removes the Application. */
    public synchronized void apply(String applicationId, Application application) {
        Application previous = application == null ? byId.remove(applicationId) : byId.put(applicationId, application);
        if (previous != null) {
            previous.getApiKeys().forEach(k -> applicationIdByKeyId.remove(k.getKeyId(), applicationId));
        }
        if (application != null) {
            application.getApiKeys().forEach(k -> applicationIdByKeyId.put(k.getKeyId(), applicationId));
        }
    }

    public Optional<Application> byId(String applicationId) {
        return Optional.ofNullable(byId.get(applicationId));
    }

    public List<Application> all() {
        return new ArrayList<>(byId.values());
    }

    /** The Application that owns {@code presentedKey}, if the key is well-formed, known, matching and not expired. */
    public Optional<AuthenticatedApplication> authenticate(String presentedKey, Instant now) {
        Optional<ApiKeyCredentials> parsed = ApiKeyCredentials.parse(presentedKey);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ApiKeyCredentials credentials = parsed.get();
        Application application = Optional.ofNullable(applicationIdByKeyId.get(credentials.keyId()))
                .map(byId::get).orElse(null);
        ApiKey key = application == null ? null : application.getApiKeys().stream()
                .filter(k -> k.getKeyId().equals(credentials.keyId())).findFirst().orElse(null);
        byte[] stored = key == null ? NO_HASH : toArray(key.getSecretSha256());
        boolean matches = credentials.matches(stored);
        if (key == null || !matches || (key.getExpiresAt() != null && !now.isBefore(key.getExpiresAt()))) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedApplication(application.getApplicationId(), application.getName(),
                key.getKeyId(), application.getHumanAgentAllowed(),
                Optional.ofNullable(application.getRateLimitPerSecond())));
    }

    /**
     * True while {@code keyId} is one of the Application's keys and not being rotated out: a rotation gives the old
     * keys an expiry (they keep working for the API during the overlap), a revocation removes them.
     */
    public boolean keyInForce(String applicationId, String keyId) {
        Application application = byId.get(applicationId);
        return application != null && application.getApiKeys().stream()
                .anyMatch(k -> k.getKeyId().equals(keyId) && k.getExpiresAt() == null);
    }

    static byte[] toArray(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer copy = buffer.duplicate();
        copy.rewind();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
