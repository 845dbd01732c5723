package io.igrelay.bench.api;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.bench.processor.EndToEndLatencyScenario;
import io.igrelay.bench.processor.Pipeline;
import io.igrelay.local.LocalStack;
import io.igrelay.local.ServiceSpec;
import io.igrelay.local.StackPorts;
import io.igrelay.local.StackSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * how long a reply takes from the Application's {@code POST /v1/communication/instagram/message} to the
 * Send API call reaching Meta (the sandbox), through the whole product as deployed: the local stack's separate JVMs
 * (ingress → ig.outbound.requests → processor gate → ig.outbound.dispatch → dispatcher → sandbox), its own broker
 * and real registry. Replies to fifty customers whose windows are open, 20 a second, under every rate limit and under
 * what the whole stack carries on two cores (about 25 replies/s end to end, echoes included: each reply costs some
 * fifteen exactly-once writes across the services), so the figure is latency, not queueing. Quoted beside the plain exactly-once copy's end-to-end latency: the path
 * has two exactly-once hops of its own.
 */
public final class ApiToSendApiScenario implements Scenario {

    static final double RATE = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    /** Fifty conversations, so each gets one reply a second: well under what one conversation can carry. */
    private static final List<String> CUSTOMERS = IntStream.range(0, 50)
            .mapToObj(i -> Long.toString(7_300_000_000_000_000L + i)).toList();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String name() {
        return "API POST → Send API call (20/s, local stack)";
    }

    @Override
    public String reference() {
        return EndToEndLatencyScenario.nameFor(Pipeline.COPY);
    }

    @Override
    public String note() {
        return "the local stack's own broker, Apicurio and separate service JVMs (7 JVMs on the 2 cores); 20 replies/s "
                + "over 50 open conversations of @fixture.shop, after 20 s of warm-up; latency = the sandbox's receive time of the Send API call minus "
                + "the POST's start (one clock); includes the processor's exactly-once commit (100 ms) and the "
                + "dispatcher's";
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        Path home = Files.createTempDirectory("igrelay-bench-stack-");
        try (LocalStack stack = LocalStack.start(settings(home), new PrintStream(new ByteArrayOutputStream()))) {
            Map<String, String> env = stack.childEnv();
            String sandbox = "http://localhost:" + env.get("SANDBOX_PORT");
            String ingress = "http://localhost:" + env.get("INGRESS_PORT");
            String processor = env.get("PROCESSOR_URL");
            String key = env.get("DEV_API_KEY");
            for (String customer : CUSTOMERS) {
                post(sandbox + "/sandbox/simulate/message", null, new JsonObject().put("account", "fixture.shop")
                        .put("from", customer).put("text", "hello from " + customer));
            }
            for (String customer : CUSTOMERS) {
                awaitOpenWindow(processor, customer);
            }
            // five JVMs just started on two cores: let their JIT settle at the measured rate first
            send(ingress, key, "warm", RATE, environment.smoke() ? environment.warmUpFor()
                    : max(environment.warmUpFor(), WARM_UP));
            Map<String, Long> sentAt = send(ingress, key, "bench", RATE, environment.measureFor());
            LatencyRecorder latencies = new LatencyRecorder();
            Duration elapsed = collect(sandbox, sentAt, latencies);
            return new ScenarioResult(name(), reference(), latencies.count(), 0, elapsed,
                    Optional.of(latencies.summary()));
        } finally {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static StackSettings settings(Path home) throws IOException {
        Path root = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path local = root.resolve("local");
        String classpath = local.resolve("target/classes") + File.pathSeparator
                + Files.readString(local.resolve("target/classpath.txt")).trim();
        StackPorts ports = StackPorts.free();
        return new StackSettings(home, local.resolve("target/apicurio"), classpath, ports,
                ServiceSpec.select(ports, "all"), Map.of("API_RATE_LIMIT_PER_SECOND", "1000"));
    }

    /** POSTs replies round-robin over the customers at {@code rate}; the text of each is its id. */
    private Map<String, Long> send(String ingress, String key, String prefix, double rate, Duration duration)
            throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        long count = (long) (rate * duration.toMillis() / 1000.0);
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String text = prefix + "-" + i;
            String to = CUSTOMERS.get((int) (i % CUSTOMERS.size()));
            sentAt.put(text, System.currentTimeMillis());
            answers.add(http.sendAsync(request(ingress + "/v1/communication/instagram/message", key,
                    new JsonObject().put("from", "@fixture.shop").put("to", to)
                            .put("content", new JsonObject().put("text", text))), HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != 202) {
                throw new IllegalStateException("the hub API answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return sentAt;
    }

    /** Reads the sandbox's log of Send API calls until every measured reply is there. */
    private Duration collect(String sandbox, Map<String, Long> sentAt, LatencyRecorder latencies) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> received = new HashMap<>();
        while (received.size() < sentAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            received.clear();
            JsonArray calls = new JsonObject(get(sandbox + "/sandbox/sends?account=fixture.shop&limit=100000"))
                    .getJsonArray("data");
            for (int i = 0; i < calls.size(); i++) {
                JsonObject call = calls.getJsonObject(i);
                JsonObject message = call.getJsonObject("body", new JsonObject()).getJsonObject("message");
                String text = message == null ? null : message.getString("text");
                if (text != null && sentAt.containsKey(text) && call.getInteger("httpStatus", 0) == 200) {
                    received.putIfAbsent(text, call.getLong("at"));
                }
            }
        }
        if (received.size() < sentAt.size()) {
            throw new IllegalStateException((sentAt.size() - received.size()) + " of " + sentAt.size()
                    + " replies never reached the sandbox");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (var entry : received.entrySet()) {
            long sent = sentAt.get(entry.getKey());
            latencies.record(Math.max(0, entry.getValue() - sent) * 1_000_000L);
            first = Math.min(first, sent);
            last = Math.max(last, entry.getValue());
        }
        return Duration.ofMillis(Math.max(1, last - first));
    }

    private void awaitOpenWindow(String processor, String customer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (get(processor + "/windows/" + customer).contains("\"OPEN\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the window of " + customer + " did not open within 60 s");
    }

    private HttpRequest request(String url, String key, JsonObject body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (key != null) {
            builder.header("x-api-key", key);
        }
        return builder.build();
    }

    private void post(String url, String key, JsonObject body) throws Exception {
        HttpResponse<String> response = http.send(request(url, key, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
