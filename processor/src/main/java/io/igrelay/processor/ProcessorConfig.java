package io.igrelay.processor;

import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The processor's whole configuration, read once from the environment (SPEC section 3): Kafka, the Streams
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
        TokenCipher tokenCipher) {

    private static final Set<String> OWN_VARIABLES = Set.of(
            "PROCESSOR_PORT", "PROCESSOR_ADVERTISED_URL", "PROCESSOR_APPLICATION_ID", "PROCESSOR_STATE_DIR",
            "HUMAN_AGENT_ENABLED", "TOKEN_ENCRYPTION_KEYS");

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
        env.throwIfProblems("processor");
        return new ProcessorConfig(kafka, applicationId, stateDir, port, advertised, humanAgent, cipher);
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
