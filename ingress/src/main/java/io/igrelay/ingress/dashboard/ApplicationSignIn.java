package io.igrelay.ingress.dashboard;

import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import java.time.Instant;
import java.util.Optional;

/**
 * How the dashboard checks an Application's API key at sign-in: the same check as the hub API
 * ({@code ApplicationView::authenticate} fits), so a key works in both places or in neither; and whether the key a
 * session was signed in with is still in force (not rotated out, not revoked), so that the session ends with it.
 */
@FunctionalInterface
public interface ApplicationSignIn {

    Optional<AuthenticatedApplication> authenticate(String presentedKey, Instant now);

    /** Without a view of the keys (tests of the flows), every key stays in force. */
    default boolean keyInForce(String applicationId, String keyId) {
        return true;
    }

    /** Both checks against the view of the keys (the hub API's). */
    static ApplicationSignIn of(ApplicationView view) {
        return new ApplicationSignIn() {
            @Override
            public Optional<AuthenticatedApplication> authenticate(String presentedKey, Instant now) {
                return view.authenticate(presentedKey, now);
            }

            @Override
            public boolean keyInForce(String applicationId, String keyId) {
                return view.keyInForce(applicationId, keyId);
            }
        };
    }
}
