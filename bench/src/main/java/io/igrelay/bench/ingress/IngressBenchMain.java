package io.igrelay.bench.ingress;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.RawProducerScenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.bench.Scenario;
import io.igrelay.local.BrokerPorts;
import io.igrelay.local.KafkaBrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs only the ingress rows beside their raw-producer reference, on a fresh broker, and prints them: the quick way
 * to check issue 4's targets while BenchMain (which runs every row) is being assembled.
 * Usage: {@code IngressBenchMain [seconds] [concurrency | rate=N]}.
 */
public final class IngressBenchMain {

    private IngressBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        Path temp = Files.createTempDirectory("igrelay-ingress-bench-");
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(temp.resolve("kafka"), BrokerPorts.free())) {
            var environment = new BenchEnvironment(broker.bootstrapServers(), measure, Duration.ofSeconds(2));
            List<Scenario> rows = new ArrayList<>();
            rows.add(new RawProducerScenario(1024));
            if (args.length > 1 && args[1].startsWith("rate=")) {
                rows.add(IngressWebhookScenario.atRate(Double.parseDouble(args[1].substring(5))));
            } else if (args.length > 1) {
                rows.add(new IngressWebhookScenario(IngressWebhookScenario.Mode.MAX, Integer.parseInt(args[1])));
            } else {
                rows.addAll(IngressWebhookScenario.rows());
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario row : rows) {
                ScenarioResult result = row.run(environment);
                results.add(result);
                var latency = result.latency().orElseThrow();
                System.out.printf("%-42s %,10.0f records/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n",
                        result.scenario(), result.recordsPerSecond(), latency.p50Ms(), latency.p99Ms(),
                        latency.p999Ms());
                if (!row.note().isBlank()) {
                    System.out.println("    " + row.note());
                }
            }
            double raw = results.get(0).recordsPerSecond();
            System.out.printf("%s / raw producer = %.3f (target for the max row >= 0.50)%n", results.get(1).scenario(),
                    results.get(1).recordsPerSecond() / raw);
            if (results.size() > 2) {
                System.out.printf("ingress p99 at 10%% of raw rate = %.2f ms (target <= 25 ms)%n",
                        results.get(2).latency().orElseThrow().p99Ms());
            }
        } finally {
            try (var paths = Files.walk(temp)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }
}
