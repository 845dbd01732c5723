package io.igrelay.ingress.tokens;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.metagraph.InstagramLoginClient;
import io.igrelay.ingress.metagraph.MetaCallException;
import io.igrelay.ingress.metagraph.TokenGrant;
import io.igrelay.ingress.ops.UpkeepLoop;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.ops.HealthMonitor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token upkeep (contract §8): every interval, renews the Instagram Login tokens the {@link RefreshPolicy}
 * picks and publishes TOKEN_REFRESHED with the new encrypted token; a token Meta calls invalid (190) or one already
 * expired becomes TOKEN_INVALID, which the processor folds into REAUTH_REQUIRED. Passing failures wait for the next
 * round. {@code owns} limits a replica to the channels it leads (see TokenRefreshLeadership). Runs as an
 * {@link UpkeepLoop} reporting into the ingress's health as "token-refresher". Logs ids only.
 */
public final class TokenRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    private final Vertx vertx;
    private final ChannelRegistryView registry;
    private final InstagramLoginClient instagram;
    private final ChannelEventPublisher publisher;
    private final TokenCipher cipher;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final Predicate<String> owns;
    private UpkeepLoop loop;

    public TokenRefresher(Vertx vertx, ChannelRegistryView registry, InstagramLoginClient instagram,
                          ChannelEventPublisher publisher, TokenCipher cipher, RefreshPolicy policy, Clock clock,
                          Predicate<String> owns) {
        this.vertx = vertx;
        this.registry = registry;
        this.instagram = instagram;
        this.publisher = publisher;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
        this.owns = owns;
    }

    /** A round every {@code interval}, the first after one interval; reports into {@code health}. */
    public void start(Duration interval, HealthMonitor health) {
        loop = new UpkeepLoop(vertx, health.register("token-refresher"), health.clock(), interval,
                UpkeepLoop.ITEM_BOUND, this::runOnce).start(false);
    }

    /** One round; completes with the number of events published. */
    public Future<Integer> runOnce() {
        return runOnce(UpkeepLoop.Progress.NONE);
    }

    /** One round, reporting each channel it is done with. */
    public Future<Integer> runOnce(UpkeepLoop.Progress progress) {
        Instant now = clock.instant();
        List<Future<Integer>> work = new ArrayList<>();
        for (Channel channel : registry.all()) {
            if (!owns.test(channel.getChannelId())) {
                continue;
            }
            Future<Integer> item = switch (policy.decide(channel, now)) {
                case REFRESH -> refresh(channel, now);
                case EXPIRED -> invalid(channel, now, "the access token expired; reconnect the account");
                default -> null;
            };
            if (item != null) {
                work.add(item.onComplete(done -> progress.itemDone()));
            }
        }
        return Future.join(work).transform(done -> Future.succeededFuture(
                work.stream().filter(Future::succeeded).mapToInt(Future::result).sum()));
    }

    private Future<Integer> refresh(Channel channel, Instant now) {
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (IllegalArgumentException e) {
            LOG.warn("channel {}: stored token cannot be decrypted ({})", channel.getChannelId(), e.getMessage());
            return Future.succeededFuture(0);
        }
        return instagram.refresh(token).compose(grant -> refreshed(channel, grant, now), e -> {
            if (e instanceof MetaCallException m && m.invalidToken()) {
                return invalid(channel, now, "Meta refused to renew the access token: " + m.getMessage());
            }
            LOG.info("channel {}: token renewal will be retried ({})", channel.getChannelId(), e.getMessage());
            return Future.succeededFuture(0);
        });
    }

    private Future<Integer> refreshed(Channel channel, TokenGrant grant, Instant now) {
        LOG.info("channel {}: access token renewed", channel.getChannelId());
        return publisher.publish(event(channel, ChannelEventType.TOKEN_REFRESHED, now)
                .setToken(cipher.encrypt(grant.token())).setTokenIssuedAt(now)
                .setTokenExpiresAt(grant.expiresAt(now).orElse(null)).build()).map(1);
    }

    private Future<Integer> invalid(Channel channel, Instant now, String reason) {
        LOG.warn("channel {}: needs re-authorisation", channel.getChannelId());
        return publisher.publish(event(channel, ChannelEventType.TOKEN_INVALID, now).setReason(reason).build())
                .map(1);
    }

    private static ChannelEvent.Builder event(Channel channel, ChannelEventType type, Instant now) {
        return ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(channel.getChannelId()).setType(type).setApplicationId(channel.getApplicationId())
                .setIgUserId(channel.getIgUserId()).setAt(now);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
