package io.igrelay.local.drill;

import io.igrelay.local.ChildProcess;
import io.igrelay.local.LocalStack;
import io.igrelay.local.StackPorts;
import io.igrelay.schemas.config.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One run of the fault drill on a running local stack: the Application's receiver and its two webhooks, the users'
 * windows, steady traffic both ways, then each fault in turn (inject, heal, wait for the hub to carry traffic
 * again), then a drain and the verdict per row ({@link DrillReport}).
 */
final class Drill implements AutoCloseable {

    static final String ACCOUNT_ID = "17841463920184527"; // the sandbox's fixture.shop (its webhook entry.id)
    static final String POISON_USER = "5319999999999001";
    private static final List<String> USERS = IntStream.range(0, 6).mapToObj(i -> "53100000000000" + (10 + i))
            .toList();

    final LocalStack stack;
    final DrillOptions options;
    final PrintStream out;
    final String ingress;
    final String sandbox;
    final String processor;
    final String dispatcher;
    final String apiKey;
    final ApplicationReceiver receiver = new ApplicationReceiver();
    final WebhookTraffic webhooks;
    final ApiTraffic api;
    final HealthWatch health;
    private final List<Phase> phases = new ArrayList<>();

    Drill(LocalStack stack, DrillOptions options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
        StackPorts ports = stack.settings().ports();
        Map<String, String> env = stack.childEnv();
        ingress = "http://localhost:" + ports.ingress();
        sandbox = "http://localhost:" + ports.sandbox();
        processor = "http://localhost:" + ports.processor();
        dispatcher = "http://localhost:" + ports.dispatcher();
        apiKey = env.get("DEV_API_KEY");
        webhooks = new WebhookTraffic(URI.create(ingress + "/webhooks/instagram"),
                new Secret(env.get("INSTAGRAM_APP_SECRET")), ACCOUNT_ID, USERS);
        api = new ApiTraffic(ingress, apiKey, "@fixture.shop", USERS);
        health = new HealthWatch(Map.of("ingress", ingress, "processor", processor, "dispatcher", dispatcher));
    }

    /** Runs every fault of the catalogue and returns the report. */
    DrillReport run(List<Fault> faults) throws Exception {
        prepare();
        health.start();
        webhooks.start(options.webhooksPerSecond());
        api.start(options.sendsPerSecond());
        Phase baseline = begin("baseline (no fault)", false);
        sleep(options.settle().multipliedBy(2));
        finish(baseline);
        for (Fault fault : faults) {
            Phase phase = begin(fault.name(), fault.breaksReadiness());
            out.print("drill: " + fault.name() + " ... ");
            out.flush();
            try {
                fault.action().run(this, phase);
            } catch (RuntimeException e) {
                phase.problem("the drill could not inject or heal it: " + e.getMessage());
            }
            finish(phase);
            out.println(phase.recovered() < 0 ? "not recovered within " + options.recoveryBound().toSeconds() + " s"
                    : String.format("recovered %.1f s after healing", (phase.recovered() - phase.healed()) / 1e3));
            if (phase.recovered() < 0) {
                restartWhatIsNotReady(phase);
            }
            sleep(options.settle());
        }
        webhooks.close();
        api.close();
        long trafficEnd = System.currentTimeMillis();
        out.println("drill: traffic stopped; waiting up to " + options.drainBound().toSeconds()
                + " s for every accepted message to arrive");
        drain();
        sleep(Duration.ofSeconds(2)); // late duplicates of the last retries
        List<SendLog.Send> sends = SendLog.read(sandbox);
        return DrillReport.build(phases, trafficEnd, webhooks.sent(), api.sent(), receiver, sends, health,
                id -> Http.get(ingress + "/v1/communication/instagram/message/" + id, apiKey));
    }

    /**
     * As an operator would after a fault the hub did not recover from on its own: restart every service that is not
     * ready, so the next row starts from a working hub. The row keeps its failure and names the restart.
     */
    private void restartWhatIsNotReady(Phase phase) {
        for (String service : health.notUpNow()) {
            out.println("drill: " + service + " is not ready; restarting it before the next fault");
            phase.note(service + " restarted by the drill after the row (not ready on its own)");
            try {
                stack.restart(service, true);
            } catch (RuntimeException e) {
                phase.problem(service + " did not restart: " + e.getMessage());
            }
        }
    }

    /** The stack's child of that name (kafka, registry, ingress, processor, dispatcher). */
    ChildProcess part(String name) {
        return stack.part(name);
    }

    /** Starts a service again without waiting for it to turn ready. */
    void relaunch(String service) {
        stack.restart(service, false);
    }

    /** Relaunches the service if it exited on its own, which the row reports as a problem. */
    void requireAlive(String service, Phase phase, String when) {
        if (!part(service).isAlive()) {
            phase.problem(service + " exited " + when + " (see " + part(service).logFile() + "); relaunched");
            relaunch(service);
        }
    }

    long spoolBytes() {
        Path spool = stack.settings().dataDir().resolve("ingress-spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool folder " + spool, e);
        }
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private Phase begin(String name, boolean breaksReadiness) {
        Phase phase = new Phase(name, breaksReadiness, System.currentTimeMillis());
        phases.add(phase);
        return phase;
    }

    /**
     * Marks the phase healed now and waits until the hub carries traffic again: every service ready, a DM sent
     * after the heal delivered to the Application, and a reply accepted after the heal reported sent.
     */
    private void finish(Phase phase) throws InterruptedException {
        long healed = System.currentTimeMillis();
        phase.healed(healed);
        long deadline = healed + options.recoveryBound().toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (health.allUpSince(healed) && dmDeliveredAfter(healed) && replySentAfter(healed)) {
                phase.recovered(System.currentTimeMillis());
                return;
            }
            Thread.sleep(250);
        }
        List<String> missing = new ArrayList<>();
        health.notUpNow().forEach(service -> missing.add(service + " not ready"));
        if (!dmDeliveredAfter(healed)) {
            missing.add("no DM sent after the heal reached the Application");
        }
        if (!replySentAfter(healed)) {
            missing.add("no reply accepted after the heal was reported sent");
        }
        phase.note("at the bound: " + String.join(", ", missing));
    }

    private boolean dmDeliveredAfter(long at) {
        return webhooks.sent().stream().anyMatch(w -> w.sentAt > at && !receiver.arrivals(w.seq).isEmpty());
    }

    private boolean replySentAfter(long at) {
        return api.sent().stream().filter(s -> s.sentAt > at).map(ApiTraffic::messageId)
                .anyMatch(id -> id != null && receiver.statuses(id).stream().anyMatch(s -> s.status().equals("sent")));
    }

    private void drain() throws InterruptedException {
        long deadline = System.currentTimeMillis() + options.drainBound().toMillis();
        while (System.currentTimeMillis() < deadline) {
            boolean dms = webhooks.sent().stream().filter(w -> w.status() == 200)
                    .allMatch(w -> !receiver.arrivals(w.seq).isEmpty());
            boolean replies = api.sent().stream().map(ApiTraffic::messageId).filter(id -> id != null)
                    .allMatch(id -> receiver.statuses(id).stream().anyMatch(s -> s.isFinal()
                            || s.status().equals("sent") || s.status().equals("read")));
            if (dms && replies) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The Application's Message and MessageStatus webhooks, and open windows for the drill's users. */
    private void prepare() throws InterruptedException {
        int known = DrillSetup.webhooksKnown(dispatcher);
        DrillSetup.register(ingress, apiKey, "drill-messages", receiver.url("/message"), "Message");
        DrillSetup.register(ingress, apiKey, "drill-statuses", receiver.url("/status"), "MessageStatus");
        DrillSetup.await("the dispatcher to know both webhooks", Duration.ofSeconds(60),
                () -> DrillSetup.webhooksKnown(dispatcher) >= known + 2);
        List<String> everyone = new ArrayList<>(USERS);
        everyone.add(POISON_USER);
        DrillSetup.openSandboxWindows(sandbox, everyone);
        for (String user : everyone) {
            webhooks.message(user, webhooks.nextSeq(), System.currentTimeMillis(), "");
        }
        DrillSetup.await("the processor to open every user's window", Duration.ofSeconds(60),
                () -> everyone.stream().allMatch(u -> Http.get(processor + "/windows/" + u, null).body()
                        .contains("\"OPEN\"")));
    }

    @Override
    public void close() {
        webhooks.close();
        api.close();
        health.close();
        receiver.close();
    }
}
