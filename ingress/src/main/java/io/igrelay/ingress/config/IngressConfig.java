package io.igrelay.ingress.config;

import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.store.WebhookStoreSettings;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ingress's whole configuration, read once from the environment (contract §3). Every missing or malformed
 * variable is reported together; secrets are wrapped so they never reach a log line.
 */
public record IngressConfig(
        KafkaSettings kafka,
        MetaSettings meta,
        int port,
        int managementPort,
        URI processorUrl,
        URI publicBaseUrl,
        Secret verifyToken,
        TokenCipher tokenCipher,
        Optional<Secret> devApiKey,
        IntakeSettings intake,
        ApiSettings api,
        OnboardingSettings onboarding,
        WebhookStoreSettings webhookStore,
        EdgeLimits limits,
        Optional<Secret> adminToken) {

    /** Without WEBHOOK_STORE_DIR's value, the edge limits and ADMIN_TOKEN: their defaults (no admin API). */
    public IngressConfig(KafkaSettings kafka, MetaSettings meta, int port, int managementPort, URI processorUrl,
            URI publicBaseUrl, Secret verifyToken, TokenCipher tokenCipher, Optional<Secret> devApiKey,
            IntakeSettings intake, ApiSettings api, OnboardingSettings onboarding) {
        this(kafka, meta, port, managementPort, processorUrl, publicBaseUrl, verifyToken, tokenCipher, devApiKey,
                intake, api, onboarding, WebhookStoreSettings.read(new EnvReader(Map.of())), EdgeLimits.defaults(),
                Optional.empty());
    }

    private static final Set<String> OWN_VARIABLES = Set.of(
            "INGRESS_PORT", "INGRESS_MANAGEMENT_PORT", "PROCESSOR_URL", "PUBLIC_BASE_URL", "META_VERIFY_TOKEN",
            "TOKEN_ENCRYPTION_KEYS", "DEV_API_KEY", "ADMIN_TOKEN");

    public static IngressConfig fromEnv(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        KafkaSettings kafka = KafkaSettings.read(env);
        MetaSettings meta = MetaSettings.read(env);
        int port = env.integer("INGRESS_PORT", 8080, 1, 65535);
        int managementPort = env.integer("INGRESS_MANAGEMENT_PORT", 8083, 1, 65535);
        if (port == managementPort) {
            env.problem("INGRESS_PORT and INGRESS_MANAGEMENT_PORT must differ, both are " + port);
        }
        URI processorUrl = env.url("PROCESSOR_URL", "http://localhost:8081");
        URI publicBaseUrl = env.url("PUBLIC_BASE_URL", "http://localhost:8080");
        Secret verifyToken = new Secret(env.required("META_VERIFY_TOKEN"));
        TokenCipher cipher = TokenCipher.read(env);
        Optional<Secret> devApiKey = env.optional("DEV_API_KEY").map(Secret::new);
        IntakeSettings intake = IntakeSettings.read(env);
        ApiSettings api = ApiSettings.read(env);
        OnboardingSettings onboarding = OnboardingSettings.read(env);
        WebhookStoreSettings webhookStore = WebhookStoreSettings.read(env);
        EdgeLimits limits = EdgeLimits.read(env);
        Optional<Secret> adminToken = env.optional("ADMIN_TOKEN").map(Secret::new);
        if (adminToken.isPresent() && adminToken.get().value().length() < 24) {
            env.problem("ADMIN_TOKEN must be at least 24 characters");
        }
        env.throwIfProblems("ingress");
        return new IngressConfig(kafka, meta, port, managementPort, processorUrl, publicBaseUrl, verifyToken, cipher,
                devApiKey, intake, api, onboarding, webhookStore, limits, adminToken);
    }

    /** Every variable this service reads (KAFKA_* pass-through variables are known too). */
    public static Set<String> knownVariables() {
        Set<String> all = new HashSet<>(OWN_VARIABLES);
        all.addAll(KafkaSettings.VARIABLES);
        all.addAll(MetaSettings.VARIABLES);
        all.addAll(IntakeSettings.VARIABLES);
        all.addAll(ApiSettings.VARIABLES);
        all.addAll(OnboardingSettings.VARIABLES);
        all.addAll(WebhookStoreSettings.VARIABLES);
        all.addAll(EdgeLimits.VARIABLES);
        return all;
    }

    /** Variables without a default; META_* or INSTAGRAM_* app credentials are required as a pair (one pair at least). */
    public static Set<String> requiredVariables() {
        return Set.of("META_VERIFY_TOKEN", "TOKEN_ENCRYPTION_KEYS");
    }
}
