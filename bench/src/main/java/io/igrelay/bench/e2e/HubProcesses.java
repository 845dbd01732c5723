package io.igrelay.bench.e2e;

import io.igrelay.bench.BenchJvm;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchPorts;
import io.igrelay.local.ChildProcess;
import io.igrelay.local.RegistryProcess;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.serde.AvroSerdes;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hub as deployed, on the bench's broker: the real schema registry (Apicurio, as the local stack runs it) and
 * the ingress, processor and dispatcher each in a JVM of its own with the heap the local stack gives it, all with
 * their defaults (6 partitions per topic, 2 stream threads, production webhook-delivery settings) except what a
 * bench must set: ports, data folders, one topic prefix, dev mode (so Application endpoints on 127.0.0.1 are
 * allowed) and an unused Graph API address (nothing in this row sends to Meta).
 */
public final class HubProcesses implements AutoCloseable {

    public static final Secret APP_SECRET = new Secret("bench-app-secret");
    public static final String META_APP_ID = "100000000000001";
    public static final String INSTAGRAM_APP_ID = "200000000000002";
    public static final String INSTAGRAM_APP_SECRET = "bench-instagram-app-secret";

    private final Map<String, String> env = new HashMap<>();
    private final Path dir;
    private final Path apicurioDir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private RegistryProcess registry;

    public HubProcesses(String bootstrap, String prefix, Path dir, Path apicurioDir) {
        this.dir = dir;
        this.apicurioDir = apicurioDir;
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOPIC_REPLICATION_FACTOR", "1");
        env.put("DEV_MODE", "true");
        env.put("TOKEN_ENCRYPTION_KEYS", BenchKafka.TOKEN_KEYS);
        env.put("ADMIN_TOKEN", BenchKafka.ADMIN_TOKEN);
        env.put("META_APP_ID", META_APP_ID);
        env.put("META_APP_SECRET", APP_SECRET.value());
        env.put("INSTAGRAM_APP_ID", INSTAGRAM_APP_ID);
        env.put("INSTAGRAM_APP_SECRET", INSTAGRAM_APP_SECRET);
        env.put("META_VERIFY_TOKEN", "bench");
        env.put("GRAPH_INSTAGRAM_URL", "http://127.0.0.1:1/graph.instagram.com");
        env.put("GRAPH_FACEBOOK_URL", "http://127.0.0.1:1/graph.facebook.com");
        int processorPort = BenchPorts.free();
        env.put("PROCESSOR_PORT", Integer.toString(processorPort));
        env.put("PROCESSOR_URL", "http://127.0.0.1:" + processorPort);
        env.put("PROCESSOR_ADVERTISED_URL", "http://127.0.0.1:" + processorPort);
        env.put("PROCESSOR_STATE_DIR", dir.resolve("processor-state").toString());
        env.put("INGRESS_PORT", Integer.toString(BenchPorts.free()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(BenchPorts.free()));
        env.put("INGRESS_SPOOL_DIR", dir.resolve("ingress-spool").toString());
        // the row's own webhook stores, deleted with its folder (the default .data/ would outlive the run)
        env.put("WEBHOOK_STORE_DIR", dir.resolve("webhook-store").toString());
        env.put("INGRESS_INSTANCE_ID", "bench");
        env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + env.get("INGRESS_PORT"));
        env.put("DISPATCHER_PORT", Integer.toString(BenchPorts.free()));
        // for trying the services' own settings on a bench run: -Dbench.e2e.env.NAME=value
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.e2e.env."))
                .forEach(k -> env.put(k.substring("bench.e2e.env.".length()), System.getProperty(k)));
    }

    /**
     * Sets one of the services' variables before {@link #start} (the soak row points the Graph API at its sandbox);
     * a {@code -Dbench.e2e.env.NAME} given on the command line still wins.
     */
    public HubProcesses withDefault(String name, String value) {
        if (System.getProperty("bench.e2e.env." + name) == null) {
            env.put(name, value);
        }
        return this;
    }

    /** Starts the registry, then the processor, the ingress and the dispatcher, each once it answers ready. */
    public HubProcesses start() {
        registry = RegistryProcess.start(dir.resolve("registry"), dir.resolve("registry.log"), BenchPorts.free(),
                apicurioDir);
        started.push(registry);
        pids.put("registry", registry.child().pid());
        env.put("SCHEMA_REGISTRY_URL", registry.confluentApiUrl());
        service("processor", "io.igrelay.processor.ProcessorMain", "512m", "PROCESSOR_PORT");
        service("ingress", "io.igrelay.ingress.IngressMain", "384m", "INGRESS_PORT");
        service("dispatcher", "io.igrelay.dispatcher.DispatcherMain", "384m", "DISPATCHER_PORT");
        return this;
    }

    private void service(String name, String mainClass, String heap, String portVariable) {
        ChildProcess child = BenchJvm.start(name, mainClass, heap, env, dir,
                URI.create("http://127.0.0.1:" + env.get(portVariable) + "/health/ready"));
        started.push(child);
        pids.put(name, child.pid());
    }

    /** The services' process ids by name (registry, processor, ingress, dispatcher). */
    public Map<String, Long> pids() {
        return pids;
    }

    public AvroSerdes serdes() {
        return AvroSerdes.fromUrl(registry.confluentApiUrl(), Optional.empty());
    }

    public String bootstrap() {
        return env.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    public String prefix() {
        return env.get("TOPIC_PREFIX");
    }

    public int ingressPort() {
        return Integer.parseInt(env.get("INGRESS_PORT"));
    }

    public int managementPort() {
        return Integer.parseInt(env.get("INGRESS_MANAGEMENT_PORT"));
    }

    /** Stops the services newest first, then the registry. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("bench: stopping a hub process: " + e);
            }
        }
    }
}
