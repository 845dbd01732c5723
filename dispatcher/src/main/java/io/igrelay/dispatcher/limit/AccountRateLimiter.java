package io.igrelay.dispatcher.limit;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/*
 * Meta's per-account Send API limits (contract §6.3): 100 calls/s for text and most content, 10 calls/s for audio and
 * video (both configurable). The limits hold across dispatcher instances because ig.outbound.dispatch is
 * partitioned by account, so one instance owns each account. A rate-limit answer pauses both of the account's buckets;
 * Meta's app-wide usage header pauses every account (pauseApp).
 */
public final class AccountRateLimiter {

    /** Which of the account's two buckets a call draws from. */
    public enum RateClass {
        TEXT,
        AUDIO_VIDEO
    }

    private record BucketKey(String account, RateClass rateClass) {
    }

    private final int textPerSecond;
    private final int mediaPerSecond;
    private final LongSupplier nanoTime;
    private final Map<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong appPausedUntil;

    public AccountRateLimiter(int textPerSecond, int mediaPerSecond, LongSupplier nanoTime) {
        this.textPerSecond = textPerSecond;
        this.mediaPerSecond = mediaPerSecond;
        this.nanoTime = nanoTime;
        this.appPausedUntil = new AtomicLong(nanoTime.getAsLong());
    }

    public static RateClass rateClassOf(DispatchCommand command) {
        if (command.getContent() instanceof MediaContent media
                && (media.getKind() == MediaKind.AUDIO || media.getKind() == MediaKind.VIDEO)) {
            return RateClass.AUDIO_VIDEO;
        }
        return RateClass.TEXT;
    }

    /** Zero when a call may go now (a token was taken), else how long to wait before asking again. */
    public Duration tryAcquire(String account, RateClass rateClass) {
        long appWait = appPausedUntil.get() - nanoTime.getAsLong();
        if (appWait > 0) {
            return Duration.ofNanos(appWait);
        }
        return bucket(account, rateClass).tryAcquire();
    }

    /** Meta said the whole app is near or over its limit: no call for any account until {@code pause} has passed. */
    public void pauseApp(Duration pause) {
        long until = nanoTime.getAsLong() + pause.toNanos();
        appPausedUntil.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
    }

    /** Meta said the account is over its limit: no call for it until {@code pause} has passed. */
    public void pause(String account, Duration pause) {
        for (RateClass rateClass : RateClass.values()) {
            bucket(account, rateClass).pause(pause);
        }
    }

    private TokenBucket bucket(String account, RateClass rateClass) {
        return buckets.computeIfAbsent(new BucketKey(account, rateClass), key -> new TokenBucket(
                rateClass == RateClass.TEXT ? textPerSecond : mediaPerSecond, nanoTime));
    }
}
