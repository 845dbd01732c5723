package io.igrelay.ingress.config;

import io.igrelay.schemas.config.EnvReader;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the Meta-facing intake: where the durable spool lives and how large it may grow, how
 * long a delivery waits for Kafka's ack before it is spooled, how old a signed_request may be, and this
 * instance's name on the records it writes.
 */
public record IntakeSettings(Path spoolDir, long spoolMaxBytes, Duration kafkaAckTimeout,
                             Duration signedRequestMaxAge, String instanceId, int spoolReplayBatch) {

    public static final Set<String> VARIABLES = Set.of("INGRESS_SPOOL_DIR", "INGRESS_SPOOL_MAX_BYTES",
            "INGRESS_KAFKA_ACK_TIMEOUT", "SIGNED_REQUEST_MAX_AGE", "INGRESS_INSTANCE_ID", "INGRESS_SPOOL_REPLAY_BATCH");

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    static IntakeSettings read(EnvReader env) {
        Path spoolDir = Path.of(env.string("INGRESS_SPOOL_DIR", ".data/ingress-spool"));
        long maxBytes = size(env, "INGRESS_SPOOL_MAX_BYTES", 1L << 30);
        if (maxBytes < 8L * 1024 * 1024) {
            env.problem("INGRESS_SPOOL_MAX_BYTES must be at least 8 MiB (two maximal deliveries), was " + maxBytes);
        }
        Duration ackTimeout = env.duration("INGRESS_KAFKA_ACK_TIMEOUT", Duration.ofMillis(500));
        if (ackTimeout.toMillis() < 10 || ackTimeout.toMillis() > 4000) {
            env.problem("INGRESS_KAFKA_ACK_TIMEOUT must be between 10ms and 4s (Meta waits 5 s), was "
                    + ackTimeout.toMillis() + "ms");
        }
        Duration maxAge = env.duration("SIGNED_REQUEST_MAX_AGE", Duration.ofHours(1));
        if (maxAge.isNegative() || maxAge.isZero()) {
            env.problem("SIGNED_REQUEST_MAX_AGE must be positive");
        }
        String instanceId = env.optional("INGRESS_INSTANCE_ID").orElseGet(IntakeSettings::hostName);
        int replayBatch = env.integer("INGRESS_SPOOL_REPLAY_BATCH", 500, 1, 10_000);
        return new IntakeSettings(spoolDir, maxBytes, ackTimeout, maxAge, instanceId, replayBatch);
    }

    /** Bytes as a number with an optional binary unit: {@code 1073741824}, {@code 512m}, {@code 1GiB}. */
    static long size(EnvReader env, String name, long defaultValue) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            env.problem(name + " must be a size like 1073741824, 512m or 1g, was '" + raw.get() + "'");
            return defaultValue;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "ingress";
        }
    }
}
