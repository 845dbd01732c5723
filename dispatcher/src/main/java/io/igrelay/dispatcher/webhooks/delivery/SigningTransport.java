package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/*
 * Adds the signature to a delivery: decrypts the webhook's active signing secrets in memory for this one attempt
 * (one `v1=` each during a rotation overlap) and hands the request to the sender. A secret that cannot be
 * decrypted is skipped; if none is left, the attempt fails rather than going out unsigned.
 */
public final class SigningTransport implements WebhookTransport {

    private final WebhookSender sender;
    private final TokenCipher cipher;
    private final Clock clock;

    public SigningTransport(WebhookSender sender, TokenCipher cipher, Clock clock) {
        this.sender = sender;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Future<AttemptResult> deliver(WebhookTarget target, String body) {
        List<String> secrets = List.of();
        if (target.requiresSignature()) {
            secrets = activeSecrets(target, clock.instant());
            if (secrets.isEmpty()) {
                return Future.succeededFuture(AttemptResult.failed("NO_SIGNING_SECRET", 0));
            }
        }
        return sender.send(target.endpoint(), target.headers(), body, secrets);
    }

    List<String> activeSecrets(WebhookTarget target, Instant now) {
        return target.secrets().stream().filter(s -> s.activeAt(now)).map(s -> {
            try {
                return cipher.decrypt(s.secret());
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(s -> s != null).toList();
    }
}
