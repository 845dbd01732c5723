package io.igrelay.local.drill;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The drill's preparation calls: webhook registration through the hub API, the sandbox's windows, waiting. */
final class DrillSetup {

    private static final Pattern KNOWN =
            Pattern.compile("(?m)^igrelay_dispatcher_webhooks_known(?:\\{[^}]*\\})? ([0-9.]+)");

    private DrillSetup() {
    }

    static void register(String ingress, String apiKey, String label, String endpoint, String eventType) {
        Http.Answer answer = Http.send("POST", ingress + "/v1/organization/webhook", apiKey, "{\"label\":\"" + label
                + "\",\"endpoint\":\"" + endpoint + "\",\"eventType\":\"" + eventType + "\"}");
        if (answer.status() != 201) {
            throw new DrillException("registering the " + eventType + " webhook failed: " + answer.status() + " "
                    + answer.body());
        }
    }

    /** The dispatcher's igrelay_dispatcher_webhooks_known gauge, 0 if it cannot be read. */
    static int webhooksKnown(String dispatcher) {
        Matcher m = KNOWN.matcher(Http.get(dispatcher + "/metrics", null).body());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }

    /** Opens each user's window at the sandbox as if the user had just written (the drill's DMs skip it). */
    static void openSandboxWindows(String sandbox, List<String> users) {
        String ids = users.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        Http.Answer answer = Http.send("POST", sandbox + "/sandbox/conversations", null,
                "{\"account\":\"fixture.shop\",\"igsids\":[" + ids + "]}");
        if (!answer.ok()) {
            throw new DrillException("the sandbox did not open the windows: " + answer.status() + " "
                    + answer.body());
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DrillException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }
}
