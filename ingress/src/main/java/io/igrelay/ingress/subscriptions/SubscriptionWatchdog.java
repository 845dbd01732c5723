package io.igrelay.ingress.subscriptions;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.avro.SubscriptionCheckOutcome;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.metagraph.MetaCallException;
import io.igrelay.ingress.ops.UpkeepLoop;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.ops.HealthMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every ACTIVE channel subscribed to Meta's webhooks: Meta disables a webhook that keeps failing and
 * unsubscribes accounts (https://developers.facebook.com/docs/graph-api/webhooks/getting-started, "Webhooks
 * delivery failures"), after which the hub would hear nothing. At start-up and every interval it reads each owned
 * channel's subscribed_apps, subscribes the configured fields again when some are missing, and publishes
 * SUBSCRIPTION_CHECKED with what it found (shown on the dashboard and by GET /v1/channels/{id}); a token Meta calls
 * invalid becomes TOKEN_INVALID. Repairs are logged and counted. One channel at a time, rounds never overlap. Runs
 * as an {@link UpkeepLoop} reporting into the ingress's health as "subscription-watchdog".
 */
public final class SubscriptionWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWatchdog.class);

    private final Vertx vertx;
    private final ChannelRegistryView registry;
    private final SubscriptionReader meta;
    private final ChannelEventPublisher publisher;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Predicate<String> owns;
    private final MeterRegistry metrics;
    private UpkeepLoop loop;
    private final AtomicBoolean running = new AtomicBoolean();

    public SubscriptionWatchdog(Vertx vertx, ChannelRegistryView registry, SubscriptionReader meta,
                                ChannelEventPublisher publisher, TokenCipher cipher, Clock clock,
                                Predicate<String> owns, MeterRegistry metrics) {
        this.vertx = vertx;
        this.registry = registry;
        this.meta = meta;
        this.publisher = publisher;
        this.cipher = cipher;
        this.clock = clock;
        this.owns = owns;
        this.metrics = metrics;
    }

    /** A round now (start-up), then one every {@code interval}; reports into {@code health}. */
    public void start(Duration interval, HealthMonitor health) {
        loop = new UpkeepLoop(vertx, health.register("subscription-watchdog"), health.clock(), interval,
                UpkeepLoop.ITEM_BOUND, this::runOnce).start(true);
    }

    /** One round over the owned ACTIVE channels; completes with the number of channels repaired. */
    public Future<Integer> runOnce() {
        return runOnce(UpkeepLoop.Progress.NONE);
    }

    /** One round, reporting each channel it is done with. */
    public Future<Integer> runOnce(UpkeepLoop.Progress progress) {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(0);
        }
        List<Channel> due = registry.all().stream().filter(c -> c.getStatus() == ChannelStatus.ACTIVE)
                .filter(c -> owns.test(c.getChannelId())).filter(meta::canCheck).toList();
        Future<Integer> chain = Future.succeededFuture(0);
        for (Channel channel : due) {
            chain = chain.compose(repaired -> check(channel).onComplete(done -> progress.itemDone())
                    .map(outcome -> repaired + (outcome == SubscriptionCheckOutcome.REPAIRED ? 1 : 0)));
        }
        return chain.onComplete(done -> running.set(false));
    }

    private Future<SubscriptionCheckOutcome> check(Channel channel) {
        Instant now = clock.instant();
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (RuntimeException e) {
            return record(channel, now, SubscriptionCheckOutcome.FAILED, List.of(), "the stored token cannot be "
                    + "decrypted");
        }
        return meta.missing(channel, token).transform(read -> {
            if (read.failed()) {
                return failedRead(channel, now, read.cause());
            }
            List<String> missing = read.result();
            if (missing.isEmpty()) {
                return record(channel, now, SubscriptionCheckOutcome.OK, List.of(), null);
            }
            return meta.resubscribe(channel, token).transform(sub -> {
                if (sub.failed()) {
                    LOG.warn("channel {}: webhook fields {} missing and Meta refused to subscribe them again: {}",
                            channel.getChannelId(), missing, sub.cause().getMessage());
                    return record(channel, now, SubscriptionCheckOutcome.FAILED, missing, sub.cause().getMessage());
                }
                LOG.warn("channel {}: webhook subscription repaired, re-subscribed missing fields {}",
                        channel.getChannelId(), missing);
                metrics.counter("igrelay_ingress_subscription_repairs", "flavour", channel.getFlavour().name())
                        .increment();
                return record(channel, now, SubscriptionCheckOutcome.REPAIRED, missing, null);
            });
        });
    }

    private Future<SubscriptionCheckOutcome> failedRead(Channel channel, Instant now, Throwable cause) {
        LOG.info("channel {}: webhook subscription could not be read: {}", channel.getChannelId(),
                cause.getMessage());
        Future<SubscriptionCheckOutcome> recorded = record(channel, now, SubscriptionCheckOutcome.FAILED, List.of(),
                cause.getMessage());
        if (cause instanceof MetaCallException m && m.invalidToken()) {
            return recorded.compose(outcome -> publisher.publish(event(channel, ChannelEventType.TOKEN_INVALID, now)
                    .setReason("Meta refused the token while checking the webhook subscription: " + m.getMessage())
                    .build()).map(outcome).otherwise(e -> {
                        LOG.warn("channel {}: TOKEN_INVALID not recorded: {}", channel.getChannelId(), e.toString());
                        return outcome;
                    }));
        }
        return recorded;
    }

    private Future<SubscriptionCheckOutcome> record(Channel channel, Instant now, SubscriptionCheckOutcome outcome,
                                                    List<String> missing, String detail) {
        metrics.counter("igrelay_ingress_subscription_checks", "outcome", outcome.name()).increment();
        SubscriptionCheck check = SubscriptionCheck.newBuilder().setCheckedAt(now).setOutcome(outcome)
                .setMissingFields(missing).setDetail(detail).build();
        return publisher.publish(event(channel, ChannelEventType.SUBSCRIPTION_CHECKED, now)
                        .setSubscriptionCheck(check).build())
                .map(outcome)
                .otherwise(e -> {
                    LOG.warn("channel {}: subscription check not recorded: {}", channel.getChannelId(), e.toString());
                    return outcome;
                });
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
