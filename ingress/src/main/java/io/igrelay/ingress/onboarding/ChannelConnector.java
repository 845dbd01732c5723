package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a finished OAuth flow into a channel: at most one live channel per Instagram account across the hub; the
 * same Application reconnecting keeps the UUID (a new one only after a disconnect); another Application is refused.
 * The token is encrypted before it leaves this class, the event is published, and the fold is awaited (bounded).
 */
public final class ChannelConnector {

    private final Vertx vertx;
    private final ChannelRegistryView registry;
    private final ChannelEventPublisher publisher;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Duration foldTimeout;

    public ChannelConnector(Vertx vertx, ChannelRegistryView registry, ChannelEventPublisher publisher,
                            TokenCipher cipher, Clock clock, Duration foldTimeout) {
        this.vertx = vertx;
        this.registry = registry;
        this.publisher = publisher;
        this.cipher = cipher;
        this.clock = clock;
        this.foldTimeout = foldTimeout;
    }

    /** Fails with an {@link OnboardingFailure} when the account belongs to another Application. */
    public Future<Outcome> connect(String applicationId, ConnectedAccount account) {
        Optional<Channel> holder = registry.holderOf(account.igUserId());
        if (holder.isPresent() && !holder.get().getApplicationId().equals(applicationId)) {
            return Future.failedFuture(new OnboardingFailure(409, "Account already connected",
                    "@" + account.username() + " is already connected to another Application of this hub. "
                            + "It must be disconnected there first. No channel was connected."));
        }
        String channelId = holder.map(Channel::getChannelId).orElseGet(() -> UUID.randomUUID().toString());
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ChannelEvent event = ChannelEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setChannelId(channelId)
                .setType(holder.isPresent() ? ChannelEventType.RECONNECTED : ChannelEventType.CONNECTED)
                .setApplicationId(applicationId)
                .setIgUserId(account.igUserId())
                .setAppScopedUserId(account.appScopedUserId())
                .setAppId(account.appId())
                .setUsername(account.username())
                .setPageId(account.pageId().orElse(null))
                .setFlavour(account.flavour())
                .setToken(cipher.encrypt(account.accessToken()))
                .setTokenIssuedAt(account.tokenIssuedAt())
                .setTokenExpiresAt(account.tokenExpiresAt().orElse(null))
                .setAt(at)
                .build();
        return publisher.publish(event)
                .compose(v -> registry.await(vertx, channelId, c -> !c.getUpdatedAt().isBefore(at)
                                && c.getApplicationId().equals(applicationId), foldTimeout)
                        .map(c -> new Outcome(channelId, true))
                        .recover(e -> Future.succeededFuture(new Outcome(channelId, false))));
    }

    /** @param visible whether the processor's fold already shows the channel */
    public record Outcome(String channelId, boolean visible) {
    }
}
