package io.igrelay.local.drill;

import io.igrelay.local.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults, in the order the drill injects them: the hub's own dependencies (registry, broker), each service
 * crashing, the two outside parties (Meta, the Application), then bad input. Durations come from the options.
 */
final class FaultCatalogue {

    static final String REGISTRY = "registry stopped, processor restarted meanwhile";
    static final String BROKER_PAUSED = "broker paused (SIGSTOP/SIGCONT)";
    static final String BROKER_KILLED = "broker SIGKILL, restarted";
    static final String PROCESSOR = "processor SIGKILL";
    static final String DISPATCHER = "dispatcher SIGKILL";
    static final String INGRESS = "ingress SIGKILL with a non-empty spool";
    private static final Duration INGRESS_START = Duration.ofSeconds(60);
    static final String META = "Meta answers 5xx and times out";
    static final String APPLICATION = "Application endpoint down";
    static final String POISON_WEBHOOKS = "poison webhooks";
    static final String POISON_RECORD = "poison record on ig.outbound.requests";

    private FaultCatalogue() {
    }

    static List<Fault> all(DrillOptions o) {
        List<Fault> faults = new ArrayList<>(List.of(
                new Fault(REGISTRY, true, (d, p) -> registry(d, p, o.registryDown())),
                new Fault(BROKER_PAUSED, true, (d, p) -> brokerPaused(d, o.brokerPause())),
                new Fault(BROKER_KILLED, true, (d, p) -> brokerKilled(d, o.brokerDown())),
                new Fault(PROCESSOR, true, (d, p) -> crash(d, "processor")),
                new Fault(DISPATCHER, true, (d, p) -> crash(d, "dispatcher")),
                new Fault(INGRESS, true, (d, p) -> ingressWithSpool(d, p, o.spoolFill())),
                new Fault(META, false, (d, p) -> metaDown(d, o.metaDown())),
                new Fault(APPLICATION, false, (d, p) -> applicationDown(d, o.applicationDown())),
                new Fault(POISON_WEBHOOKS, false, PoisonInputs::webhooks),
                new Fault(POISON_RECORD, false, PoisonInputs::outboundRecord)));
        faults.removeIf(f -> o.skipped().contains(f.name()));
        return faults;
    }

    /** The registry stops; half-way through, the processor restarts with a cold schema cache; the registry returns. */
    private static void registry(Drill d, Phase p, Duration down) throws Exception {
        d.part("registry").stop();
        Drill.sleep(down.dividedBy(2));
        d.relaunch("processor");
        Drill.sleep(down.dividedBy(2));
        d.stack.restart("registry", true);
        d.requireAlive("processor", p, "while the registry was down");
    }

    private static void brokerPaused(Drill d, Duration pause) throws Exception {
        ChildProcess broker = d.part("kafka");
        broker.signal("STOP");
        try {
            Drill.sleep(pause);
        } finally {
            broker.signal("CONT");
        }
    }

    private static void brokerKilled(Drill d, Duration down) throws Exception {
        d.part("kafka").kill();
        Drill.sleep(down);
        d.stack.restart("kafka", true);
    }

    /** SIGKILL, then started again at once, as an orchestrator would. */
    private static void crash(Drill d, String service) {
        d.part(service).kill();
        d.relaunch(service);
    }

    /**
     * The broker dies, so the ingress spools what Meta sends; the ingress is SIGKILLed with that spool on disk and
     * started again while the broker is still down (Meta keeps sending); then the broker returns and the spool
     * must drain.
     */
    private static void ingressWithSpool(Drill d, Phase p, Duration fill) throws Exception {
        d.part("kafka").kill();
        Drill.sleep(fill);
        long spooled = d.spoolBytes();
        p.note("spool " + spooled + " B at the kill");
        if (spooled == 0) {
            p.problem("the spool was empty when the ingress was killed");
        }
        d.part("ingress").kill();
        d.relaunch("ingress");
        // the broker stays down until the new JVM listens (its start takes longer than a short fill on a busy box),
        // then for the fill: the row is about what the restarted ingress does without Kafka
        long listening = awaitListening(d, INGRESS_START);
        p.note("restarted ingress listening after " + Duration.ofMillis(listening).toSeconds() + " s");
        long relaunched = System.currentTimeMillis();
        Drill.sleep(fill);
        long brokerBack = System.currentTimeMillis();
        long answered = d.webhooks.sent().stream().filter(w -> w.sentAt > relaunched && w.sentAt < brokerBack
                && w.status() == 200).count();
        p.note(answered + " DMs answered 200 by the restarted ingress while the broker was down");
        if (answered == 0) {
            p.problem("the restarted ingress took no webhook while the broker was down (it cannot start without"
                    + " Kafka)");
        }
        if (!d.part("ingress").isAlive()) {
            p.problem("the ingress did not start while the broker was down (exited; see "
                    + d.part("ingress").logFile() + ")");
        }
        d.stack.restart("kafka", true);
        if (!d.part("ingress").isAlive()) {
            d.relaunch("ingress"); // already reported; the drill goes on with a fresh one
        }
    }

    /** Waits (bounded) until the ingress answers its liveness check; answers how long that took, in ms. */
    private static long awaitListening(Drill d, Duration bound) throws InterruptedException {
        long started = System.currentTimeMillis();
        while (System.currentTimeMillis() - started < bound.toMillis()) {
            if (Http.get(d.ingress + "/health/live", null).status() == 200) {
                break;
            }
            Drill.sleep(Duration.ofMillis(250));
        }
        return System.currentTimeMillis() - started;
    }

    /** Every Send API call either answers an HTML 503 or never answers, for the whole outage. */
    private static void metaDown(Drill d, Duration down) throws Exception {
        Http.Answer set = Http.send("PUT", d.sandbox + "/sandbox/faults", null,
                "{\"http5xxShare\":0.5,\"timeoutShare\":0.5}");
        if (!set.ok()) {
            throw new DrillException("the sandbox refused the fault plan: " + set.status() + " " + set.body());
        }
        try {
            Drill.sleep(down);
        } finally {
            Http.send("DELETE", d.sandbox + "/sandbox/faults", null, null);
        }
    }

    private static void applicationDown(Drill d, Duration down) throws Exception {
        d.receiver.down();
        try {
            Drill.sleep(down);
        } finally {
            d.receiver.up();
        }
    }
}
