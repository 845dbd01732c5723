package io.igrelay.ingress.meta;

import java.time.Instant;

/**
 * A verified Meta {@code signed_request}: which app signed it, the app-scoped user it names, and when Meta issued
 * it. Only {@link SignedRequestVerifier} makes these, so holding one means the signature, algorithm and age held.
 */
public record SignedRequest(AppSecret app, String userId, Instant issuedAt) {
}
