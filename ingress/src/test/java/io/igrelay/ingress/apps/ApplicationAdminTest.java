package io.igrelay.ingress.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Application;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Creating Applications, rotating keys with an overlap, and the dev Application; checked through the view. */
class ApplicationAdminTest {

    private final Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final ApplicationView view = new ApplicationView();
    private final List<Application> written = new ArrayList<>();
    private final ApplicationAdmin admin = new ApplicationAdmin(view, app -> {
        written.add(app);
        return Future.succeededFuture();
    }, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());

    @Test
    void shouldCreateAnApplicationWhoseKeyAuthenticatesAndStoreOnlyTheHash() {
        IssuedKey issued = admin.create("acme", true, Optional.of(50)).await();

        var caller = view.authenticate(issued.apiKey(), now).orElseThrow();
        assertThat(caller.applicationId()).isEqualTo(issued.applicationId());
        assertThat(caller.humanAgentAllowed()).isTrue();
        assertThat(caller.rateLimitPerSecond()).contains(50);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).toString()).doesNotContain(issued.credentials().secret());
    }

    @Test
    void shouldRefuseAWrongSecretForAKnownKeyId() {
        IssuedKey issued = admin.create("acme", false, Optional.empty()).await();
        String forged = "igr_" + issued.credentials().keyId() + "_" + "A".repeat(43);

        assertThat(view.authenticate(forged, now)).isEmpty();
    }

    @Test
    void shouldKeepTheOldKeyValidDuringTheOverlapOnly() {
        IssuedKey first = admin.create("acme", false, Optional.empty()).await();
        IssuedKey second = admin.rotate(first.applicationId(), Duration.ofHours(1)).await();

        assertThat(view.authenticate(second.apiKey(), now)).isPresent();
        assertThat(view.authenticate(first.apiKey(), now.plusSeconds(3599))).isPresent();
        assertThat(view.authenticate(first.apiKey(), now.plusSeconds(3600))).isEmpty();
        assertThat(second.previousKeysExpireAt()).contains(now.plusSeconds(3600));
    }

    @Test
    void shouldRevokeTheOldKeyAtOnceWithoutOverlap() {
        IssuedKey first = admin.create("acme", false, Optional.empty()).await();
        admin.rotate(first.applicationId(), Duration.ZERO).await();

        assertThat(view.authenticate(first.apiKey(), now)).isEmpty();
    }

    @Test
    void shouldCreateTheDevApplicationOnceWithAStableId() {
        var devKey = ApiKeyCredentials.parse("igr_devkey01_0123456789abcdef0123").orElseThrow();

        String id = admin.ensureDevApplication(devKey).await();
        String again = admin.ensureDevApplication(devKey).await();

        assertThat(again).isEqualTo(id);
        assertThat(written).hasSize(1);
        assertThat(view.authenticate(devKey.presentable(), now)).map(AuthenticatedApplication::applicationId)
                .contains(id);
    }

    @Test
    void shouldForgetAnApplicationOnATombstone() {
        IssuedKey issued = admin.create("acme", false, Optional.empty()).await();
        view.apply(issued.applicationId(), null);

        assertThat(view.authenticate(issued.apiKey(), now)).isEmpty();
    }
}
