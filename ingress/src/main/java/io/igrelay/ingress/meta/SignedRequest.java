package io.igrelay.ingress.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A verified Meta {@code signed_request}: which app signed it, the app-scoped user it names, and when Meta issued it
 * and how old it was when it arrived (both absent when the payload had no issued_at). Only
 * {@link SignedRequestVerifier} makes these, so holding one means the signature and algorithm held.
 */
public record SignedRequest(AppSecret app, String userId, Optional<Instant> issuedAt, Optional<Duration> age) {
}
