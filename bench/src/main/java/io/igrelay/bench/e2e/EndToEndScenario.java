package io.igrelay.bench.e2e;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchFiles;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchTopics;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.ProcessCpu;
import io.igrelay.bench.RawProducerScenario;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.bench.hooks.CustomerEndpoints;
import io.igrelay.bench.hooks.MetaSender;
import io.igrelay.bench.hooks.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * The number users ask first: how many Instagram messages per second the whole hub carries on this one 2-core box.
 * Signed Meta webhooks go to the real ingress, processor and dispatcher, each in a JVM of its own with the real
 * registry ({@link HubProcesses}); 100 Applications each have a connected channel and a verified {@code Message}
 * webhook on an endpoint of their own. The offered rate rises step by step (each held 60 s); the row reports the
 * highest rate at which every message reached its endpoint exactly once with p99 (Meta POST → first attempt) ≤ 1 s,
 * and each process's CPU share at that rate, so the next bottleneck is visible. Target: ≥ 3,000 messages/s.
 */
public final class EndToEndScenario implements Scenario {

    public static final String NAME = "end to end: Meta webhook → Application webhook (separate JVMs)";
    static final int APPLICATIONS = 100;
    static final double TARGET = 3_000;
    private static final int[] RATES = {250, 500, 1_000, 2_000, 3_000, 4_000};
    private static final Duration HOLD = Duration.ofSeconds(60);

    private final List<Step> steps = new ArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return RawProducerScenario.nameFor(1024);
    }

    @Override
    public String note() {
        return "signed ~1 KiB Meta DM webhooks from this JVM (Vert.x client, 64 keep-alive connections) to the ingress,"
                + " processor and dispatcher (IngressMain, ProcessorMain, DispatcherMain: separate JVMs, default "
                + "settings, 6 partitions) with Apicurio as registry; 100 Applications, each one channel and one "
                + "verified Message webhook on its own port in this JVM; rate raised step by step, each held "
                + HOLD.toSeconds() + " s after a 60 s warm-up at 250/s; the figure is the highest step sustained "
                + "(sent on time, every message delivered once, p99 Meta POST → 1st attempt ≤ 1 s); CPU in % of "
                + "one core during that step; steps: " + steps.stream().map(s -> s.describe()
                        + (s.cpu().isEmpty() ? "" : " [CPU " + ProcessCpu.describe(s.cpu()) + "]"))
                .collect(Collectors.joining("; "));
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        steps.clear();
        int[] rates = environment.smoke() ? new int[] {100} : RATES;
        Duration hold = environment.smoke() ? Duration.ofSeconds(3) : HOLD;
        int warmUp = environment.smoke() ? 0 : 250 * Integer.getInteger("bench.e2e.warmup.seconds", 60);
        long capacity = warmUp;
        for (int rate : rates) {
            capacity += rate * hold.toSeconds();
        }
        Path dir = Files.createTempDirectory("igrelay-bench-e2e-");
        String prefix = BenchKafka.uniquePrefix("e2e");
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "local/target/apicurio"));
        AtomicLongArray sentAt = new AtomicLongArray((int) capacity);
        try (CustomerEndpoints endpoints = new CustomerEndpoints(APPLICATIONS, (int) capacity);
             HubProcesses hub = new HubProcesses(environment.bootstrapServers(), prefix, dir, apicurio).start();
             MetaSender meta = new MetaSender(hub.ingressPort(), HubProcesses.APP_SECRET)) {
            new Tenants(hub.bootstrap(), hub.prefix(), hub.managementPort(), hub.ingressPort(), hub.serdes())
                    .register(APPLICATIONS, endpoints);
            endpoints.awaitProbed(meta, APPLICATIONS, Duration.ofSeconds(120));
            meta.paced(0, warmUp, 250, APPLICATIONS, sentAt);
            awaitArrivals(endpoints, 0, warmUp, Duration.ofSeconds(60)); // no warm-up backlog in the first step
            ProcessCpu cpu = new ProcessCpu();
            hub.pids().forEach(cpu::add);
            cpu.add("broker", environment.brokerPid()).add("bench (load, endpoints)", ProcessHandle.current().pid());
            int from = warmUp;
            for (int rate : rates) {
                Step step = step(meta, endpoints, cpu, sentAt, from, rate, hold);
                steps.add(step);
                from += (int) (rate * hold.toSeconds());
                if (!step.sustained()) {
                    break;
                }
            }
        } finally {
            BenchTopics.deletePrefixed(environment.bootstrapServers(), prefix);
            BenchFiles.deleteRecursively(dir);
        }
        Optional<Step> best = steps.stream().filter(Step::sustained).reduce((a, b) -> b);
        Step shown = best.orElse(steps.get(0));
        ScenarioResult result = new ScenarioResult(NAME, reference(), best.map(Step::messages).orElse(0L), 0,
                hold, Optional.of(shown.latency()));
        return result.withTarget("≥ 3,000 messages/s, each once, p99 ≤ 1 s",
                best.map(s -> s.rate() >= TARGET).orElse(false));
    }

    private static void awaitArrivals(CustomerEndpoints endpoints, int from, int to, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seq = from; seq < to && System.nanoTime() < deadline; seq++) {
            while (endpoints.arrival(seq) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    /** Offers {@code rate} for {@code hold}, then waits up to 30 s for every message's first attempt. */
    private static Step step(MetaSender meta, CustomerEndpoints endpoints, ProcessCpu cpu, AtomicLongArray sentAt,
                             int from, int rate, Duration hold) throws Exception {
        int to = from + (int) (rate * hold.toSeconds());
        cpu.start();
        long start = System.nanoTime();
        meta.paced(from, to, rate, APPLICATIONS, sentAt);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        var shares = cpu.percentOfOneCore();
        String refused = "";
        try {
            meta.awaitAnswers(Duration.ofSeconds(30));
        } catch (IllegalStateException e) {
            refused = e.getMessage(); // the step failed; the row goes on to report it
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        LatencyRecorder latencies = new LatencyRecorder();
        long missing = 0;
        long repeated = 0;
        for (int seq = from; seq < to; seq++) {
            while (endpoints.arrival(seq) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (endpoints.arrival(seq) == 0) {
                missing++;
            } else {
                latencies.record(endpoints.arrival(seq) - sentAt.get(seq));
                repeated += endpoints.attempts(seq) > 1 ? 1 : 0;
            }
        }
        Step step = new Step(rate, sendSeconds, hold.toSeconds(), to - from, missing, repeated,
                latencies.summary(), shares, refused);
        System.out.print("[" + step.describe() + "] ");
        return step;
    }
}
