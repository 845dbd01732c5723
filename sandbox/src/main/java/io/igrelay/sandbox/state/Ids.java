package io.igrelay.sandbox.state;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meta-looking identifiers: message ids shaped like Instagram mids (base64 "ig_d..." prefix, ending "ZDZD"),
 * fbtrace ids, opaque tokens and codes. Mids carry a per-process salt, so a restarted sandbox never reuses a mid the
 * hub has already deduplicated; tokens and codes are unguessable. The hot path takes no lock.
 */
public final class Ids {
    private static final String MID_PREFIX = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj";
    private static final char[] ALNUM =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom SECURE = new SecureRandom();
    private final long seed;
    private final long salt = SECURE.nextLong() & Long.MAX_VALUE;
    private final AtomicLong counter = new AtomicLong();

    public Ids(long seed) {
        this.seed = seed;
    }

    public String mid(String accountId) {
        long n = counter.incrementAndGet();
        long mix = new SplittableRandom(salt ^ (n * 0x9E3779B97F4A7C15L)).nextLong() & Long.MAX_VALUE;
        String raw = accountId + ":340282366841710301244259" + (mix % 100000) + ":" + mix + n;
        return MID_PREFIX + Base64.getEncoder().withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.US_ASCII)) + "ZDZD";
    }

    public String fbtrace() {
        return alnum(23);
    }

    public String token(String prefix) {
        return prefix + alnum(150 - prefix.length(), SECURE.nextLong());
    }

    public String code() {
        return "AQ" + alnum(60, SECURE.nextLong());
    }

    private String alnum(int len) {
        return alnum(len, seed * 31 + counter.incrementAndGet() * 0x9E3779B97F4A7C15L);
    }

    private static String alnum(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        char[] out = new char[len];
        for (int i = 0; i < len; i++) {
            out[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(out);
    }
}
