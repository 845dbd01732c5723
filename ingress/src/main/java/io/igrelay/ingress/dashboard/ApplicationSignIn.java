package io.igrelay.ingress.dashboard;

import io.igrelay.ingress.apps.AuthenticatedApplication;
import java.time.Instant;
import java.util.Optional;

/**
 * How the dashboard checks an Application's API key at sign-in: the same check as the hub API
 * ({@code ApplicationView::authenticate} fits), so a key works in both places or in neither.
 */
@FunctionalInterface
public interface ApplicationSignIn {

    Optional<AuthenticatedApplication> authenticate(String presentedKey, Instant now);
}
