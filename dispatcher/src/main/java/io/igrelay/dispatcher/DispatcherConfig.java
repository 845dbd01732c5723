package io.igrelay.dispatcher;

import io.igrelay.dispatcher.send.SendSettings;
import io.igrelay.dispatcher.webhooks.WebhookSettings;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's whole configuration, read once from the environment: Kafka, Meta's hosts and app secrets
 * (appsecret_proof), the token keys to decrypt channel tokens in memory, its management port and the Send API
 * consumer's tuning (concurrency, rate limits, retries) and the Application-webhook delivery's (with its local store).
 */
public record DispatcherConfig(
        KafkaSettings kafka,
        MetaSettings meta,
        int port,
        TokenCipher tokenCipher,
        SendSettings send,
        WebhookSettings webhooks) {

    private static final Set<String> OWN_VARIABLES = Set.of("DISPATCHER_PORT", "TOKEN_ENCRYPTION_KEYS");

    public static DispatcherConfig fromEnv(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        KafkaSettings kafka = KafkaSettings.read(env);
        MetaSettings meta = MetaSettings.read(env);
        int port = env.integer("DISPATCHER_PORT", 8082, 0, 65535);
        TokenCipher cipher = TokenCipher.read(env);
        SendSettings send = SendSettings.read(env);
        WebhookSettings webhooks = WebhookSettings.read(env);
        env.throwIfProblems("dispatcher");
        return new DispatcherConfig(kafka, meta, port, cipher, send, webhooks);
    }

    public static Set<String> knownVariables() {
        Set<String> all = new HashSet<>(OWN_VARIABLES);
        all.addAll(KafkaSettings.VARIABLES);
        all.addAll(MetaSettings.VARIABLES);
        all.addAll(SendSettings.VARIABLES);
        all.addAll(WebhookSettings.VARIABLES);
        return all;
    }

    public static Set<String> requiredVariables() {
        return Set.of("TOKEN_ENCRYPTION_KEYS");
    }
}
