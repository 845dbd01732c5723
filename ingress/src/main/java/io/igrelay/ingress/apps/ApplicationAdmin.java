package io.igrelay.ingress.apps;

import io.igrelay.avro.ApiKey;
import io.igrelay.avro.Application;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The only code that writes hub.applications (the ingress is its sole writer, contract §4): creates
 * Applications, rotates keys (old keys stay valid for an overlap, then expire) and makes sure the local stack's dev
 * Application exists for DEV_API_KEY. Each write is applied to the view once the broker acknowledged it, so the new
 * key works at once on this replica.
 */
public final class ApplicationAdmin {

    /** Namespace of the dev Application's id: the same DEV_API_KEY always yields the same Application. */
    private static final String DEV_NAMESPACE = "igrelay-dev-application:";

    private final ApplicationView view;
    private final Function<Application, Future<Void>> writer;
    private final Clock clock;
    private final SecureRandom random;

    public ApplicationAdmin(ApplicationView view, Function<Application, Future<Void>> writer, Clock clock,
                            SecureRandom random) {
        this.view = view;
        this.writer = writer;
        this.clock = clock;
        this.random = random;
    }

    public Future<IssuedKey> create(String name, boolean humanAgentAllowed, Optional<Integer> rateLimitPerSecond) {
        ApiKeyCredentials credentials = ApiKeyCredentials.generate(random);
        Instant now = clock.instant();
        Application application = Application.newBuilder()
                .setApplicationId(UUID.randomUUID().toString())
                .setName(name)
                .setApiKeys(List.of(key(credentials, now, null)))
                .setHumanAgentAllowed(humanAgentAllowed)
                .setRateLimitPerSecond(rateLimitPerSecond.orElse(null))
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .build();
        return write(application).map(v -> new IssuedKey(application.getApplicationId(), name, credentials,
                Optional.empty()));
    }

    /** Issues a new key; the keys issued before stay valid for {@code overlap} (zero: revoked at once). */
    public Future<IssuedKey> rotate(String applicationId, Duration overlap) {
        Optional<Application> existing = view.byId(applicationId);
        if (existing.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("no application " + applicationId));
        }
        Instant now = clock.instant();
        Instant expiry = now.plus(overlap);
        List<ApiKey> keys = new ArrayList<>();
        for (ApiKey old : existing.get().getApiKeys()) {
            boolean alreadyExpired = old.getExpiresAt() != null && !now.isBefore(old.getExpiresAt());
            if (!alreadyExpired && !overlap.isZero()) {
                Instant end = old.getExpiresAt() != null && old.getExpiresAt().isBefore(expiry)
                        ? old.getExpiresAt() : expiry;
                keys.add(ApiKey.newBuilder(old).setExpiresAt(end).build());
            }
        }
        ApiKeyCredentials credentials = ApiKeyCredentials.generate(random);
        keys.add(key(credentials, now, null));
        Application updated = Application.newBuilder(existing.get()).setApiKeys(keys).setUpdatedAt(now).build();
        return write(updated).map(v -> new IssuedKey(applicationId, updated.getName(), credentials,
                Optional.of(expiry)));
    }

    /** Creates (once) the dev Application whose key is DEV_API_KEY; returns its id. */
    public Future<String> ensureDevApplication(ApiKeyCredentials devKey) {
        String applicationId = UUID.nameUUIDFromBytes((DEV_NAMESPACE + devKey.keyId()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        boolean present = view.byId(applicationId).map(app -> app.getApiKeys().stream()
                .anyMatch(k -> devKey.matches(ApplicationView.toArray(k.getSecretSha256())))).orElse(false);
        if (present) {
            return Future.succeededFuture(applicationId);
        }
        Instant now = clock.instant();
        Application dev = Application.newBuilder()
                .setApplicationId(applicationId)
                .setName("dev")
                .setApiKeys(List.of(key(devKey, now, null)))
                .setHumanAgentAllowed(true)
                .setRateLimitPerSecond(null)
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .build();
        return write(dev).map(v -> applicationId);
    }

    private Future<Void> write(Application application) {
        return writer.apply(application).onSuccess(v -> view.apply(application.getApplicationId(), application));
    }

    private static ApiKey key(ApiKeyCredentials credentials, Instant createdAt, Instant expiresAt) {
        return ApiKey.newBuilder()
                .setKeyId(credentials.keyId())
                .setSecretSha256(ByteBuffer.wrap(credentials.secretSha256()))
                .setCreatedAt(createdAt)
                .setExpiresAt(expiresAt)
                .build();
    }
}
