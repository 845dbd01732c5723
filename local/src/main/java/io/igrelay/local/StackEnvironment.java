package io.igrelay.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every child service gets: the launcher's own environment first, then the local defaults (dev
 * secrets, the sandbox as Meta, the local broker and registry) only for variables the launcher did not set. That
 * is how the same command can point the stack at a real Meta app or another Graph endpoint.
 */
public final class StackEnvironment {

    private StackEnvironment() {
    }

    public static Map<String, String> build(Map<String, String> launcherEnv, DevSecrets secrets, StackPorts ports,
                                            Path dataDir) {
        var env = new LinkedHashMap<>(launcherEnv);
        localDefaults(secrets, ports, dataDir).forEach(env::putIfAbsent);
        return env;
    }

    /** What the stack would set if the environment said nothing; a variable set by the caller always wins. */
    static Map<String, String> localDefaults(DevSecrets secrets, StackPorts ports, Path dataDir) {
        String sandbox = "http://localhost:" + ports.sandbox();
        String ingress = "http://localhost:" + ports.ingress();
        String processor = "http://localhost:" + ports.processor();
        var env = new LinkedHashMap<String, String>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + ports.kafka());
        env.put("SCHEMA_REGISTRY_URL", "http://localhost:" + ports.registry() + "/apis/ccompat/v7");
        env.put("INGRESS_PORT", Integer.toString(ports.ingress()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(ports.ingressManagement()));
        env.put("PROCESSOR_PORT", Integer.toString(ports.processor()));
        env.put("DISPATCHER_PORT", Integer.toString(ports.dispatcher()));
        env.put("SANDBOX_PORT", Integer.toString(ports.sandbox()));
        env.put("PROCESSOR_URL", processor);
        env.put("PROCESSOR_ADVERTISED_URL", processor);
        env.put("PUBLIC_BASE_URL", ingress);
        env.put("GRAPH_FACEBOOK_URL", sandbox + "/graph.facebook.com");
        env.put("GRAPH_INSTAGRAM_URL", sandbox + "/graph.instagram.com");
        env.put("INSTAGRAM_API_URL", sandbox + "/api.instagram.com");
        env.put("FACEBOOK_DIALOG_URL", sandbox + "/www.facebook.com/{version}/dialog/oauth");
        env.put("INSTAGRAM_AUTHORIZE_URL", sandbox + "/www.instagram.com/oauth/authorize");
        env.put("SANDBOX_WEBHOOK_URL", ingress + "/webhooks/instagram");
        env.put("SANDBOX_DELETION_CALLBACK_URL", ingress + "/meta/data-deletion");
        env.put("SANDBOX_DEAUTHORIZE_CALLBACK_URL", ingress + "/meta/deauthorize");
        env.put("PROCESSOR_STATE_DIR", dataDir.resolve("processor").toAbsolutePath().toString());
        env.put("INGRESS_SPOOL_DIR", dataDir.resolve("ingress-spool").toAbsolutePath().toString());
        env.put("WEBHOOK_STORE_DIR", dataDir.resolve("webhook-store").toAbsolutePath().toString());
        env.put("TOPIC_REPLICATION_FACTOR", "1");
        env.put("DEV_MODE", "true");
        env.putAll(secrets.asEnv());
        return env;
    }
}
