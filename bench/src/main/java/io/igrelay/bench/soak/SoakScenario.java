package io.igrelay.bench.soak;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchFiles;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchTopics;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.ProcessCpu;
import io.igrelay.bench.RawProducerScenario;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.bench.e2e.HubProcesses;
import io.igrelay.bench.hooks.CustomerEndpoints;
import io.igrelay.bench.hooks.MetaSender;
import io.igrelay.bench.hooks.Tenants;
import io.igrelay.bench.hooks.Tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Whether the hub holds its memory and its latency over a long run ({@code ./igrelay bench --soak[=30m]}): the real
 * ingress, processor and dispatcher in JVMs of their own ({@link HubProcesses}) take 1,000 signed Meta webhooks a
 * second and 100 API sends a second for the whole run; 100 Applications each have a {@code Message} and a
 * {@code MessageStatus} webhook on an endpoint of their own, and Meta's Send API is the sandbox. Every minute each
 * service's post-GC heap and RSS are read from outside ({@link MemorySampler}); the targets are judged by
 * {@link SoakVerdict} and the curves drawn by {@link SoakChart} into bench/results/.
 */
public final class SoakScenario implements Scenario {

    public static final String NAME = "soak: 1,000 webhooks/s + 100 API sends/s (separate JVMs)";
    static final int APPLICATIONS = 100;
    static final int WEBHOOKS_PER_SECOND = 1_000;
    static final int API_SENDS_PER_SECOND = 100;
    static final List<String> SERVICES = List.of("ingress", "processor", "dispatcher");

    private final Duration duration;
    private final Path resultsDir;
    private final String stamp;
    private String note = "";

    /** A soak of {@code duration} whose PNG and samples go to {@code resultsDir}, named {@code soak-<stamp>}. */
    public SoakScenario(Duration duration, Path resultsDir, String stamp) {
        this.duration = duration;
        this.resultsDir = resultsDir;
        this.stamp = stamp;
    }

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
        return note;
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        SoakWindows windows = SoakWindows.of(duration);
        int warmUp = Integer.getInteger("bench.soak.warmup.seconds", 60);
        int warmEvents = WEBHOOKS_PER_SECOND * warmUp;
        int measured = (int) (WEBHOOKS_PER_SECOND * duration.toSeconds());
        Path dir = Files.createTempDirectory("igrelay-bench-soak-");
        String prefix = BenchKafka.uniquePrefix("soak");
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "local/target/apicurio"));
        AtomicLongArray sentAt = new AtomicLongArray(warmEvents + measured);
        List<MemorySample> samples = new ArrayList<>();
        try (MetaGraph graph = new MetaGraph(APPLICATIONS);
             CustomerEndpoints endpoints = new CustomerEndpoints(APPLICATIONS, warmEvents + measured);
             HubProcesses hub = new HubProcesses(environment.bootstrapServers(), prefix, dir, apicurio)
                     .withDefault("GRAPH_INSTAGRAM_URL", graph.graphInstagramUrl())
                     .withDefault("GRAPH_FACEBOOK_URL", graph.graphFacebookUrl())
                     .withDefault("TOPIC_PARTITIONS", "1").start();
             MetaSender meta = new MetaSender(hub.ingressPort(), HubProcesses.APP_SECRET)) {
            List<Tenant> tenants = new Tenants(hub.bootstrap(), hub.prefix(), hub.managementPort(),
                    hub.ingressPort(), hub.serdes()).register(APPLICATIONS, endpoints, graph::token,
                    List.of("Message", "MessageStatus"));
            endpoints.awaitProbed(meta, APPLICATIONS, Duration.ofSeconds(120));
            Map<String, Long> pids = new LinkedHashMap<>();
            SERVICES.forEach(s -> pids.put(s, hub.pids().get(s)));
            MemorySampler sampler = new MemorySampler(pids);
            ApiSender api = new ApiSender(hub.ingressPort(), tenants);
            System.out.printf(Locale.ROOT, "%n  soak: %d Applications registered; %d s warm-up, then %s measured "
                    + "(%s)%n", tenants.size(), warmUp, human(duration), windows.describe());
            // every customer writes once, and the replies start once each of those reached its Application (so
            // the hub knows every conversation); they run to the end of the measured part
            meta.paced(0, Math.min(warmEvents, MetaSender.CUSTOMERS), WEBHOOKS_PER_SECOND, APPLICATIONS, sentAt);
            long endNanos = System.nanoTime() + Duration.ofSeconds(warmUp).plus(duration).toNanos();
            Thread replies = new Thread(() -> {
                try {
                    awaitArrivals(endpoints, 0, MetaSender.CUSTOMERS, Duration.ofSeconds(warmUp));
                    api.pacedUntil(API_SENDS_PER_SECOND, endNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-api");
            replies.setDaemon(true);
            replies.start();
            meta.paced(Math.min(warmEvents, MetaSender.CUSTOMERS), warmEvents, WEBHOOKS_PER_SECOND, APPLICATIONS,
                    sentAt);
            ProcessCpu cpu = new ProcessCpu();
            hub.pids().forEach(cpu::add);
            cpu.add("broker", environment.brokerPid()).add("bench (load, endpoints, Meta)",
                    ProcessHandle.current().pid());
            cpu.start();
            long start = System.nanoTime();
            ScheduledExecutorService minutes = Executors.newSingleThreadScheduledExecutor();
            minutes.scheduleAtFixedRate(() -> sampleAndPrint(sampler, samples, start, endpoints, meta, api, graph),
                    0, 1, TimeUnit.MINUTES);
            meta.paced(warmEvents, warmEvents + measured, WEBHOOKS_PER_SECOND, APPLICATIONS, sentAt);
            Map<String, Double> cpuShares = cpu.percentOfOneCore();
            minutes.shutdown();
            minutes.awaitTermination(5, TimeUnit.MINUTES);
            double end = (System.nanoTime() - start) / 60e9;
            if (samples.isEmpty() || samples.get(samples.size() - 1).minute() < end - 0.25) {
                sampleAndPrint(sampler, samples, start, endpoints, meta, api, graph);
            }
            replies.join(Duration.ofSeconds(30).toMillis());
            awaitArrivals(endpoints, warmEvents, warmEvents + measured, drain(duration));
            return result(windows, samples, sentAt, endpoints, warmEvents, measured, cpuShares, meta, api, graph);
        } finally {
            BenchTopics.deletePrefixed(environment.bootstrapServers(), prefix);
            BenchFiles.deleteRecursively(dir);
        }
    }

    private ScenarioResult result(SoakWindows windows, List<MemorySample> samples, AtomicLongArray sentAt,
                                  CustomerEndpoints endpoints, int from, int measured, Map<String, Double> cpu,
                                  MetaSender meta, ApiSender api, MetaGraph graph) throws Exception {
        int perWindow = (int) (WEBHOOKS_PER_SECOND * windows.latencyWindow().toSeconds());
        List<LatencyWindow> judged = latencyWindows(sentAt, endpoints, from, measured, perWindow);
        List<LatencyWindow> perMinute = latencyWindows(sentAt, endpoints, from, measured, WEBHOOKS_PER_SECOND * 60);
        List<MemoryTrend> trends = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        for (String service : SERVICES) {
            MemoryTrend.of(service, samples, windows.heapFromMinute()).ifPresentOrElse(trends::add,
                    () -> unjudged.add(service));
        }
        SoakVerdict verdict = new SoakVerdict(trends, unjudged, judged);
        LatencyRecorder all = new LatencyRecorder();
        long delivered = 0;
        for (int seq = from; seq < from + measured; seq++) {
            if (endpoints.arrival(seq) != 0) {
                all.record(endpoints.arrival(seq) - sentAt.get(seq));
                delivered++;
            }
        }
        SoakFiles files = SoakFiles.write(resultsDir, stamp, samples, perMinute, String.format(Locale.ROOT,
                "igrelay soak %s: 1,000 webhooks/s + 100 API sends/s, 100 Applications", human(duration)));
        note = String.format(Locale.ROOT, "the real ingress, processor and dispatcher (separate JVMs, -Xmx 384m/512m/"
                + "384m as the local stack, TOPIC_PARTITIONS=%s: at the default 6 the end-to-end row sustains "
                + "only 250/s on this box) with Apicurio; 100 Applications, each a channel and a Message and a "
                + "MessageStatus webhook on its own endpoint in this JVM; Meta's Send API = the sandbox in this JVM "
                + "(rate limits on, echoes off); %d s warm-up, then %s at %,d signed webhooks/s + %,d API sends/s "
                + "(replies from the first second in which every customer's first message had reached its "
                + "Application); late first attempts awaited %s after the load; "
                + "every minute `jcmd GC.run` + `GC.heap_info` and VmRSS per service; %s. Result: %s. Webhooks: "
                + "%,d sent, %,d not answered 200; %,d of %,d measured delivered. API: %,d sent, %,d answered 202, "
                + "%,d not (first: %s); Meta got %,d sends, refused %,d; %,d MessageStatus deliveries. CPU in %% of "
                + "one core (measured part): %s. Curves: %s; samples: %s",
                System.getProperty("bench.e2e.env.TOPIC_PARTITIONS", "1"),
                Integer.getInteger("bench.soak.warmup.seconds", 60), human(duration), WEBHOOKS_PER_SECOND,
                API_SENDS_PER_SECOND, human(drain(duration)), windows.describe(), verdict.describe(), meta.sent(),
                meta.failed(), delivered, measured, api.sent(), api.accepted(), api.refused(),
                api.firstRefusal().isEmpty() ? "none" : api.firstRefusal(), graph.sent(), graph.refused(),
                endpoints.statusDeliveries(), ProcessCpu.describe(cpu),
                files.chart().map(Path::toString).orElse("not drawn: " + files.chartError()), files.samples());
        System.out.print("\n  soak: " + verdict.describe() + "\n  ");
        ScenarioResult result = new ScenarioResult(NAME, reference(), delivered, 0, duration,
                Optional.of(all.summary()));
        return result.withTarget("post-GC heap ≤ +10 % (min " + String.format(Locale.ROOT, "%.1f",
                windows.heapFromMinute()) + " → end), p99 ≤ +20 % of the first window", verdict.met());
    }

    private static List<LatencyWindow> latencyWindows(AtomicLongArray sentAt, CustomerEndpoints endpoints, int from,
                                                      int measured, int perWindow) {
        List<LatencyWindow> windows = new ArrayList<>();
        for (int start = 0; start < measured; start += perWindow) {
            int end = Math.min(measured, start + perWindow);
            if (end - start < perWindow / 2 && !windows.isEmpty()) {
                break; // a short tail is not a window of its own
            }
            windows.add(LatencyWindow.of(start / (WEBHOOKS_PER_SECOND * 60.0), end / (WEBHOOKS_PER_SECOND * 60.0),
                    from + start, from + end, sentAt::get, endpoints::arrival));
        }
        return windows;
    }

    private static void sampleAndPrint(MemorySampler sampler, List<MemorySample> samples, long start,
                                       CustomerEndpoints endpoints, MetaSender meta, ApiSender api, MetaGraph graph) {
        double minute = (System.nanoTime() - start) / 60e9;
        List<MemorySample> now = sampler.sample(Math.round(minute * 100) / 100.0);
        synchronized (samples) {
            samples.addAll(now);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  soak: minute %4.1f:", minute));
        now.forEach(s -> line.append(String.format(Locale.ROOT, " %s heap %.0f MiB RSS %.0f MiB;", s.service(),
                s.heapMib(), s.rssMib())));
        line.append(String.format(Locale.ROOT, " webhooks sent %,d (%,d not 200), API %,d/%,d accepted, Meta sends "
                + "%,d, status deliveries %,d", meta.sent(), meta.failed(), api.accepted(), api.sent(), graph.sent(),
                endpoints.statusDeliveries()));
        System.out.println(line);
    }

    /** How long the row waits after the load for late first attempts: a quarter of the run, 1 to 5 minutes. */
    static Duration drain(Duration duration) {
        Duration quarter = duration.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : quarter.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : quarter;
    }

    /** "8 min", "2 h 30 min", "90 s". */
    static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 != 0 ? s + " s" : s >= 3600 ? (s / 3600) + " h" + (s % 3600 != 0 ? " " + (s % 3600) / 60
                + " min" : "") : (s / 60) + " min";
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
}
