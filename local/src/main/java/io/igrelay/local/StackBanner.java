package io.igrelay.local;

import io.igrelay.local.DemoChannelConnector.DemoChannel;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a developer reads once the stack is up: where each part listens, the dev Application's API key and the
 * dev secrets in force (with where they come from), and a few curl commands to try first.
 */
final class StackBanner {

    private static final Map<String, String> ROLES = Map.of(
            "sandbox", "Meta sandbox",
            "ingress", "ingress (webhooks, hub API)",
            "processor", "processor (queries)",
            "dispatcher", "dispatcher (management)");

    /** A seeded business account and a seeded user of the sandbox (sandbox/README.md). */
    private static final String ACCOUNT = "fixture.shop";
    private static final String USER = "7309182736451928";

    private StackBanner() {
    }

    static void print(PrintStream out, StackSettings settings, DevSecrets secrets, Map<String, String> env,
                      Optional<DemoChannel> demo) {
        StackPorts p = settings.ports();
        String ingress = "http://localhost:" + p.ingress();
        String sandbox = "http://localhost:" + p.sandbox();
        String apiKey = env.get("DEV_API_KEY");
        out.println();
        out.println("igrelay local stack is up. Ctrl-C stops it; ./igrelay up again keeps the data.");
        out.println();
        for (ServiceSpec spec : settings.services()) {
            out.printf("  %-28s http://localhost:%d%n", ROLES.get(spec.name()), spec.healthPort());
            if (spec.name().equals("ingress")) {
                out.printf("  %-28s http://localhost:%d/metrics%n", "ingress metrics", p.ingressManagement());
            }
        }
        out.println("  Kafka                        " + env.get("KAFKA_BOOTSTRAP_SERVERS"));
        out.println("  schema registry              " + env.get("SCHEMA_REGISTRY_URL"));
        out.println("  logs                         " + settings.logDir() + "/<name>.log");
        out.println();
        out.println("Dev Application API key:  " + apiKey);
        out.println("Admin token (management port, loopback only):  " + env.get("ADMIN_TOKEN"));
        out.println("  curl -s -H 'Authorization: Bearer " + env.get("ADMIN_TOKEN") + "' http://localhost:"
                + p.ingressManagement() + "/admin/applications");
        out.println("Dev secrets (" + settings.dataDir().resolve("dev-secrets.properties")
                + "; a variable set in your environment wins):");
        secrets.asEnv().forEach((name, generated) -> {
            String inForce = env.get(name);
            out.println("  " + name + "=" + inForce + (inForce.equals(generated) ? "" : "   (from your environment)"));
        });
        out.println();
        out.println("Next steps:");
        out.println("  curl -s " + ingress + "/health/ready");
        if (demo.isPresent()) {
            out.println("  # 1. the demo channel is connected: @" + demo.get().username() + " = " + demo.get().channelId());
            out.println("  #    (see it in " + ingress + "/dashboard, signing in with the API key above)");
        } else {
            out.println("  # 1. connect the sandbox's business account " + ACCOUNT + ": open " + ingress + "/dashboard,");
            out.println("  #    Channels -> Activate -> Instagram -> Connect with Instagram (the sandbox plays Meta)");
        }
        out.println("  # 2. a simulated Instagram user writes to it (or use the form at " + sandbox + "/sandbox/):");
        out.println("  curl -s -X POST " + sandbox + "/sandbox/simulate/message -H 'content-type: application/json' \\");
        out.println("       -d '{\"account\": \"" + ACCOUNT + "\", \"from\": \"" + USER + "\", \"text\": \"hi there\"}'");
        out.println("  # 3. answer that user through the hub API, then read the message's status:");
        out.println("  curl -s -X POST " + ingress + "/v1/communication/instagram/message \\");
        out.println("       -H 'x-api-key: " + apiKey + "' -H 'content-type: application/json' \\");
        out.println("       -d '{\"from\": \"@" + ACCOUNT + "\", \"to\": \"" + USER + "\","
                + " \"content\": {\"text\": \"hello from igrelay\"}}'");
        out.println("  curl -s -H 'x-api-key: " + apiKey + "' " + ingress
                + "/v1/communication/instagram/message/<messageId>");
        out.println("  # 4. what Meta (the sandbox) received:  curl -s " + sandbox + "/sandbox/sends");
        out.println();
    }
}
