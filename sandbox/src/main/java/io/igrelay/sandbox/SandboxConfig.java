package io.igrelay.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sandbox's typed configuration, read from environment variables (contract §3 plus the SANDBOX_* knobs
 * documented in sandbox/README.md). Every malformed value is collected, so a bad start names all problems at once.
 */
public record SandboxConfig(
        int port,
        URI webhookUrl,
        String metaAppId,
        String metaAppSecret,
        String instagramAppId,
        String instagramAppSecret,
        URI deletionCallbackUrl,
        URI deauthorizeCallbackUrl,
        long seed,
        boolean echoes,
        int latencyMs,
        String graphApiVersion,
        int instances,
        int rateLimitText,
        int rateLimitMedia,
        Duration webhookDisableAfter,
        Duration webhookRetryInitial,
        Duration webhookRetryMax,
        int webhookMaxBatch,
        int webhookConcurrency,
        Duration webhookTimeout,
        boolean autoSubscribe,
        boolean humanAgentFeature,
        int logLimit,
        boolean igTokenResponseDataArray,
        boolean autoApprove,
        Optional<Path> dataDir,
        Set<String> appFields,
        String facebookLoginConfigId) {

    public static final String DEV_META_APP_ID = "100000000000001";
    public static final String DEV_META_APP_SECRET = "sandbox-meta-app-secret";
    public static final String DEV_INSTAGRAM_APP_ID = "200000000000002";
    public static final String DEV_INSTAGRAM_APP_SECRET = "sandbox-instagram-app-secret";
    /** The sandbox's one Facebook Login for Business configuration (SANDBOX_FB_LOGIN_CONFIG_ID). */
    public static final String DEV_FB_LOGIN_CONFIG_ID = "900000000000009";
    /** Every Instagram messaging field and the comment fields: the App Dashboard subscription of the sandbox's apps. */
    public static final String DEFAULT_APP_FIELDS = "messages,messaging_postbacks,messaging_seen,message_reactions,"
            + "messaging_referral,message_edit,messaging_optins,messaging_handover,standby,comments,live_comments";

    /** Defaults only: what the local stack and most tests use. */
    public static SandboxConfig defaults() {
        return fromEnv(Map.of());
    }

    public static SandboxConfig fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(env, problems);
        SandboxConfig cfg = new SandboxConfig(
                r.intIn("SANDBOX_PORT", 8090, 0, 65535),
                r.uri("SANDBOX_WEBHOOK_URL", "http://localhost:8080/webhooks/instagram"),
                r.str("META_APP_ID", DEV_META_APP_ID),
                r.str("META_APP_SECRET", DEV_META_APP_SECRET),
                r.str("INSTAGRAM_APP_ID", DEV_INSTAGRAM_APP_ID),
                r.str("INSTAGRAM_APP_SECRET", DEV_INSTAGRAM_APP_SECRET),
                r.uri("SANDBOX_DELETION_CALLBACK_URL", "http://localhost:8080/meta/data-deletion"),
                r.uri("SANDBOX_DEAUTHORIZE_CALLBACK_URL", "http://localhost:8080/meta/deauthorize"),
                r.parse("SANDBOX_SEED", "1", Long::parseLong, "an integer"),
                r.bool("SANDBOX_ECHOES", true),
                r.intIn("SANDBOX_LATENCY_MS", 0, 0, 600_000),
                r.version("GRAPH_API_VERSION", "v27.0"),
                r.intIn("SANDBOX_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 64),
                r.intIn("SANDBOX_RATE_LIMIT_TEXT", 100, 0, Integer.MAX_VALUE),
                r.intIn("SANDBOX_RATE_LIMIT_MEDIA", 10, 0, Integer.MAX_VALUE),
                r.duration("SANDBOX_WEBHOOK_DISABLE_AFTER", "PT1H"),
                r.duration("SANDBOX_WEBHOOK_RETRY_INITIAL", "PT15S"),
                r.duration("SANDBOX_WEBHOOK_RETRY_MAX", "PT15M"),
                r.intIn("SANDBOX_WEBHOOK_MAX_BATCH", 1000, 1, 1000),
                r.intIn("SANDBOX_WEBHOOK_CONCURRENCY", 4, 1, 256),
                r.duration("SANDBOX_WEBHOOK_TIMEOUT", "PT5S"),
                r.bool("SANDBOX_AUTO_SUBSCRIBE", false),
                r.bool("SANDBOX_HUMAN_AGENT_FEATURE", true),
                r.intIn("SANDBOX_LOG_LIMIT", 10_000, 10, 10_000_000),
                !"flat".equalsIgnoreCase(env.getOrDefault("SANDBOX_IG_TOKEN_RESPONSE", "data")),
                r.bool("SANDBOX_AUTO_APPROVE", false),
                Optional.ofNullable(env.get("SANDBOX_DATA_DIR")).filter(d -> !d.isBlank()).map(Path::of),
                Set.copyOf(Arrays.stream(r.str("SANDBOX_APP_FIELDS", DEFAULT_APP_FIELDS).split(","))
                        .map(String::trim).filter(f -> !f.isEmpty()).toList()),
                r.str("SANDBOX_FB_LOGIN_CONFIG_ID", DEV_FB_LOGIN_CONFIG_ID));
        String shape = env.getOrDefault("SANDBOX_IG_TOKEN_RESPONSE", "data");
        if (!shape.equalsIgnoreCase("data") && !shape.equalsIgnoreCase("flat")) {
            problems.add("SANDBOX_IG_TOKEN_RESPONSE must be 'data' or 'flat', was '" + shape + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid sandbox configuration: " + String.join("; ", problems));
        }
        return cfg;
    }

    /** Copy with another port (tests use 0 for a random one). */
    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(newPort, webhookUrl, metaAppId, metaAppSecret, instagramAppId, instagramAppSecret,
                deletionCallbackUrl, deauthorizeCallbackUrl, seed, echoes, latencyMs, graphApiVersion, instances,
                rateLimitText, rateLimitMedia, webhookDisableAfter, webhookRetryInitial, webhookRetryMax,
                webhookMaxBatch, webhookConcurrency, webhookTimeout, autoSubscribe, humanAgentFeature, logLimit,
                igTokenResponseDataArray, autoApprove, dataDir, appFields, facebookLoginConfigId);
    }

    /** Reads one variable at a time and records what is wrong instead of throwing. */
    private record Reader(Map<String, String> env, List<String> problems) {
        String str(String name, String dflt) {
            String v = env.get(name);
            if (v == null) {
                return dflt;
            }
            if (v.isBlank()) {
                problems.add(name + " must not be blank");
            }
            return v;
        }

        <T> T parse(String name, String dflt, Function<String, T> f, String what) {
            String v = env.getOrDefault(name, dflt).trim();
            try {
                return f.apply(v);
            } catch (RuntimeException e) {
                problems.add(name + " must be " + what + ", was '" + v + "'");
                return f.apply(dflt);
            }
        }

        int intIn(String name, int dflt, int min, int max) {
            int v = parse(name, Integer.toString(dflt), Integer::parseInt, "an integer");
            if (v < min || v > max) {
                problems.add(name + " must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        }

        boolean bool(String name, boolean dflt) {
            String v = env.getOrDefault(name, Boolean.toString(dflt)).trim().toLowerCase();
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(name + " must be true or false, was '" + v + "'");
                return dflt;
            }
            return Boolean.parseBoolean(v);
        }

        URI uri(String name, String dflt) {
            URI u = parse(name, dflt, URI::create, "a URL");
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                problems.add(name + " must be an absolute http(s) URL, was '" + u + "'");
            }
            return u;
        }

        Duration duration(String name, String dflt) {
            return parse(name, dflt, Duration::parse, "an ISO-8601 duration such as PT1H");
        }

        String version(String name, String dflt) {
            String v = env.getOrDefault(name, dflt);
            if (!v.matches("v\\d+\\.\\d+")) {
                problems.add(name + " must look like v23.0, was '" + v + "'");
            }
            return v;
        }
    }
}
