package io.igrelay.bench.hooks;

import io.igrelay.bench.BenchKafka;
import io.igrelay.dispatcher.webhooks.WebhookDeliveryModule;
import io.igrelay.dispatcher.webhooks.WebhookSettings;
import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.processor.ProcessorConfig;
import io.igrelay.processor.ProcessorService;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The three services of the Application-webhook path, in this JVM on the bench's broker with one topic prefix and
 * the in-memory registry: the real ingress (Meta webhooks, Application admin and webhook registration API, dev mode
 * so {@code http://127.0.0.1} endpoints are allowed), the real processor (its whole topology: normalise, dedup,
 * channel and webhook folds) and the dispatcher's real webhook delivery (router, per-webhook queues, signing HTTP
 * sender) with its production settings (10 s answer limit, 8 requests in flight per endpoint). The dispatcher's Send
 * API half is not started: nothing in these rows sends to Meta.
 */
final class HubUnderTest implements AutoCloseable {

    static final Secret APP_SECRET = new Secret("bench-app-secret");

    private final Map<String, String> env = new HashMap<>();
    private final Path stateDir;
    private final Path spool;
    private ProcessorService processor;
    private IngressService ingress;
    private WebhookDeliveryModule webhooks;

    HubUnderTest(String bootstrap, String prefix) {
        try {
            stateDir = Files.createTempDirectory("igrelay-bench-hooks-state-");
            spool = Files.createTempDirectory("igrelay-bench-hooks-spool-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", BenchKafka.PLACEHOLDER_REGISTRY_URL);
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOPIC_PARTITIONS", "1");
        env.put("DEV_MODE", "true");
        env.put("TOKEN_ENCRYPTION_KEYS", BenchKafka.TOKEN_KEYS);
        env.put("ADMIN_TOKEN", BenchKafka.ADMIN_TOKEN);
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", APP_SECRET.value());
        env.put("META_VERIFY_TOKEN", "bench");
        env.put("PROCESSOR_PORT", "0");
        env.put("PROCESSOR_APPLICATION_ID", prefix + "processor");
        env.put("PROCESSOR_STATE_DIR", stateDir.toString());
        env.put("INGRESS_PORT", Integer.toString(freePort()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("INGRESS_SPOOL_DIR", spool.toString());
        env.put("INGRESS_INSTANCE_ID", "bench");
        env.put("WEBHOOK_ROUTER_GROUP_ID", prefix + "webhook-router");
        env.put("WEBHOOK_DELIVERY_GROUP_ID", prefix + "webhook-delivery");
    }

    /** Starts processor, ingress and webhook delivery; returns once each is ready. */
    HubUnderTest start() throws InterruptedException {
        ProcessorConfig p = ProcessorConfig.fromEnv(env);
        processor = new ProcessorService(new ProcessorConfig(BenchKafka.withMemoryRegistry(p.kafka()),
                p.applicationId(), p.stateDir(), p.port(), p.advertisedUrl(), p.humanAgentEnabled(), p.tokenCipher(),
                p.topology())).start();
        awaitRunning(processor);
        env.put("PROCESSOR_URL", "http://127.0.0.1:" + processor.port());
        IngressConfig i = IngressConfig.fromEnv(env);
        ingress = new IngressService(new IngressConfig(BenchKafka.withMemoryRegistry(i.kafka()), i.meta(), i.port(),
                i.managementPort(), i.processorUrl(), i.publicBaseUrl(), i.verifyToken(), i.tokenCipher(),
                i.devApiKey(), i.intake(), i.api(), i.onboarding(), i.webhookStore(), i.limits(), i.adminToken()))
                .start();
        KafkaSettings kafka = BenchKafka.withMemoryRegistry(KafkaSettings.read(new EnvReader(env)));
        webhooks = new WebhookDeliveryModule(WebhookSettings.read(new EnvReader(env)), kafka, BenchKafka.serdes(),
                TokenCipher.parse(BenchKafka.TOKEN_KEYS), new SimpleMeterRegistry(), Clock.systemUTC()).start();
        return this;
    }

    int ingressPort() {
        return ingress.port();
    }

    int managementPort() {
        return ingress.managementPort();
    }

    String bootstrap() {
        return env.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    String prefix() {
        return env.get("TOPIC_PREFIX");
    }

    private static void awaitRunning(ProcessorService service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (service.state() != KafkaStreams.State.RUNNING) {
            if (service.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not reach RUNNING (" + service.state() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {webhooks, ingress, processor}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("bench: stopping " + part.getClass().getSimpleName() + ": " + e);
            }
        }
        delete(stateDir);
        delete(spool);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
