package io.igrelay.processor;

import io.igrelay.avro.WindowTrigger;
import io.igrelay.processor.windows.WindowRules;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The processor's whole configuration, read once from the environment (contract §3): Kafka, the Streams
 * application id and state directory, the interactive-query address other instances and the ingress use, and the
 * human-agent switch of the window rules.
 */
public record ProcessorConfig(
        KafkaSettings kafka,
        String applicationId,
        Path stateDir,
        int port,
        URI advertisedUrl,
        boolean humanAgentEnabled,
        TokenCipher tokenCipher,
        TopologySettings topology) {

    private static final Set<String> OWN_VARIABLES = Set.of(
            "PROCESSOR_PORT", "PROCESSOR_ADVERTISED_URL", "PROCESSOR_APPLICATION_ID", "PROCESSOR_STATE_DIR",
            "HUMAN_AGENT_ENABLED", "TOKEN_ENCRYPTION_KEYS", "DEDUP_HORIZON", "ECHO_GRACE_PERIOD",
            "WINDOW_STANDARD_LENGTHS", "CONTACT_HORIZON", "DISPATCH_NOT_AFTER_MARGIN", "STATUS_RETENTION",
            "PROCESSOR_PUNCTUATE_INTERVAL");

    public static ProcessorConfig fromEnv(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        KafkaSettings kafka = KafkaSettings.read(env);
        int port = env.integer("PROCESSOR_PORT", 8081, 0, 65535);
        URI advertised = env.url("PROCESSOR_ADVERTISED_URL", "http://localhost:" + (port == 0 ? 8081 : port));
        String applicationId = env.string("PROCESSOR_APPLICATION_ID", kafka.topics().prefix() + "igrelay-processor");
        Path stateDir = Path.of(env.string("PROCESSOR_STATE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "igrelay-processor").toString()));
        boolean humanAgent = env.bool("HUMAN_AGENT_ENABLED", false);
        TokenCipher cipher = TokenCipher.read(env);
        TopologySettings topology = topologySettings(env, humanAgent);
        env.throwIfProblems("processor");
        return new ProcessorConfig(kafka, applicationId, stateDir, port, advertised, humanAgent, cipher, topology);
    }

    private static TopologySettings topologySettings(EnvReader env, boolean humanAgent) {
        TopologySettings defaults = TopologySettings.defaults(humanAgent);
        WindowRules meta = WindowRules.meta(Duration.ofDays(7), humanAgent);
        WindowRules rules = new WindowRules(standardLengths(env, meta.standardWindow()), meta.humanAgentWindow(),
                env.duration("CONTACT_HORIZON", meta.contactHorizon()),
                env.duration("DISPATCH_NOT_AFTER_MARGIN", meta.notAfterMargin()), humanAgent);
        return new TopologySettings(rules, env.duration("DEDUP_HORIZON", defaults.dedupHorizon()),
                env.duration("ECHO_GRACE_PERIOD", defaults.echoGrace()),
                env.duration("STATUS_RETENTION", defaults.statusRetention()),
                env.duration("PROCESSOR_PUNCTUATE_INTERVAL", defaults.punctuateInterval()));
    }

    /** WINDOW_STANDARD_LENGTHS, e.g. {@code AD_REFERRAL=7d,REFERRAL=24h}: per-trigger standard window lengths. */
    private static Map<WindowTrigger, Duration> standardLengths(EnvReader env, Map<WindowTrigger, Duration> table) {
        Map<WindowTrigger, Duration> lengths = new EnumMap<>(table);
        String raw = env.string("WINDOW_STANDARD_LENGTHS", "AD_REFERRAL=7d");
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            try {
                WindowTrigger trigger = WindowTrigger.valueOf(parts[0].trim().toUpperCase(java.util.Locale.ROOT));
                EnvReader one = new EnvReader(Map.of("length", parts.length == 2 ? parts[1].trim() : ""));
                Duration length = one.duration("length", null);
                if (length == null || !one.problems().isEmpty() || length.isNegative() || length.isZero()) {
                    env.problem("WINDOW_STANDARD_LENGTHS: '" + pair.trim() + "' needs a positive duration");
                } else {
                    lengths.put(trigger, length);
                }
            } catch (IllegalArgumentException e) {
                env.problem("WINDOW_STANDARD_LENGTHS: unknown trigger in '" + pair.trim() + "'; known: "
                        + java.util.Arrays.toString(WindowTrigger.values()));
            }
        }
        return lengths;
    }

    public static Set<String> knownVariables() {
        Set<String> all = new HashSet<>(OWN_VARIABLES);
        all.addAll(KafkaSettings.VARIABLES);
        return all;
    }

    public static Set<String> requiredVariables() {
        return Set.of("TOKEN_ENCRYPTION_KEYS");
    }
}
