package io.igrelay.ingress.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.ingress.meta.intake.MetaWebhookRoutes;
import io.igrelay.schemas.config.Secret;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse of the public port against a real ingress (real broker and registry): stalled half-sent bodies, a flood of
 * cookie-less dashboard requests, multipart uploads to every route, oversized and overcounted headers. Each attack
 * keeps the heap growth under a bound written here, a legitimate signed webhook is answered within 2 s while it
 * runs, stalled connections are closed within the idle timeout, and no file is left behind.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpEdgeIT {

    private static final Secret INSTAGRAM_SECRET = new Secret("test-instagram-secret");
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final long MIB = 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger legitimate = new AtomicInteger();
    private IngressService service;
    private String base;
    private Set<Path> filesBefore;

    @BeforeAll
    void start(KafkaStack stack) throws Exception {
        Map<String, String> env = ServiceEnvironment.base(stack, "edge-" + UUID.randomUUID().toString()
                .substring(0, 8) + ".");
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", Files.createTempDirectory("edge-spool").toString());
        env.put("INGRESS_IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s");
        env.put("INGRESS_REQUEST_READ_TIMEOUT", "5s");
        env.put("DEV_API_KEY", "igr_edgekey1_" + "a".repeat(32));
        service = new IngressService(IngressConfig.fromEnv(env)).start();
        base = "http://localhost:" + service.port();
        filesBefore = workingDirectoryFiles();
        for (int i = 0; i < 20; i++) {
            signedWebhookAnsweredWithin2s();
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldBoundMemoryAndCloseStalledHalfSentMegabyteBodies() throws Exception {
        long before = heapAfterGc();
        List<Socket> sockets = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(40);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Socket socket = new Socket("127.0.0.1", service.port());
            sockets.add(socket);
            writes.add(CompletableFuture.runAsync(() -> sendHalfABody(socket), writers));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        writers.shutdown();
        long stalledAt = System.nanoTime();

        signedWebhookAnsweredWithin2s();
        long growth = heapAfterGc() - before;
        System.out.printf("HttpEdgeIT stalled bodies: heap growth %d MiB with 400 x 512 KiB sent%n", growth / MIB);
        assertThat(growth).as("heap growth with 400 stalled half bodies (200 MiB sent, 400 MiB declared)")
                .isLessThan(160 * MIB);

        for (Socket socket : sockets) {
            assertClosedBy(socket, stalledAt + IDLE_TIMEOUT.plusSeconds(2).toNanos());
        }
        assertThat(openConnections()).as("the connections gauge after the stall").isLessThan(5);
        signedWebhookAnsweredWithin2s();
    }

    @Test
    void shouldStartNoSessionForCookieLessDashboardRequests() throws Exception {
        flood(500, new ConcurrentHashMap<>()); // warms the pages' templates and the client up
        long before = heapAfterGc();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        flood(20_000, statuses);
        long growth = heapAfterGc() - before;
        System.out.printf("HttpEdgeIT dashboard flood: heap growth %d MiB after 20,000 requests%n", growth / MIB);

        assertThat(statuses.keySet()).containsOnly(200, 303);
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20_000);
        assertThat(metric("igrelay_dashboard_sessions")).as("sessions held after the flood").isZero();
        assertThat(growth).as("heap growth after 20,000 cookie-less requests").isLessThan(32 * MIB);
    }

    @Test
    void shouldStoreNoUploadOnAnyRoute() throws Exception {
        long before = heapAfterGc();
        List<String> routes = List.of("/webhooks/instagram", "/webhooks/instagram/", "/v1/messages",
                "/v1/channels", "/v1/organization/webhook", "/v1/organization/webhook/x/test", "/dashboard/login",
                "/dashboard/logout", "/dashboard/channels/x/disconnect", "/dashboard/connect/instagram",
                "/meta/deauthorize", "/meta/data-deletion", "/onboarding/instagram/callback", "/health/ready",
                "/admin/applications", "/admin/deletions/import");
        String boundary = "edge" + UUID.randomUUID();
        byte[] multipart = multipart(boundary, 256 * 1024);
        for (String route : routes) {
            for (String root : List.of(base, "http://localhost:" + service.managementPort())) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(root + route))
                        .header("content-type", "multipart/form-data; boundary=" + boundary)
                        .header("x-api-key", "igr_edgekey1_" + "a".repeat(32))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.printf("HttpEdgeIT upload POST %s%s -> %d%n", root, route, answer.statusCode());
                assertThat(answer.statusCode()).as("POST %s%s", root, route).isNotIn(200, 201, 202, 500);
            }
        }
        signedWebhookAnsweredWithin2s();

        assertThat(Path.of("file-uploads")).as("no uploads folder").doesNotExist();
        assertThat(workingDirectoryFiles()).as("no file left in the working directory").isEqualTo(filesBefore);
        assertThat(heapAfterGc() - before).as("heap growth after the uploads").isLessThan(32 * MIB);
    }

    @Test
    void shouldRefuseOversizedAndOvercountedHeaders() throws Exception {
        long before = heapAfterGc();
        String longLine = "x-filler: " + "a".repeat(16 * 1024) + "\r\n";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append("x-h").append(i).append(": v\r\n");
        }
        for (int i = 0; i < 50; i++) {
            assertThat(rawStatus("GET /dashboard HTTP/1.1\r\nHost: x\r\n" + longLine + "\r\n"))
                    .as("a 16 KiB header line").isEqualTo(431);
            assertThat(rawStatus("GET /dashboard HTTP/1.1\r\nHost: x\r\n" + many + "\r\n"))
                    .as("500 header lines").isEqualTo(431);
        }
        signedWebhookAnsweredWithin2s();
        assertThat(heapAfterGc() - before).as("heap growth after 100 oversized requests").isLessThan(32 * MIB);
    }

    @Test
    void shouldRateLimitSignInAttemptsPerSource() throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(csrf.find()).as("the sign-in form carries its token").isTrue();
            String form = "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&apiKey=igr_nosuch01_"
                    + "x".repeat(32);
            statuses.add(browser.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/login"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }

        assertThat(statuses.subList(0, 10)).as("wrong keys within the allowance").containsOnly(401);
        assertThat(statuses.get(10)).as("the 11th attempt within a minute (DASHBOARD_SIGNIN_PER_MINUTE=10)")
                .isEqualTo(429);
    }

    /** {@code count} cookie-less GETs of the dashboard and its sign-in page, 64 at a time; a webhook midway. */
    private void flood(int count, Map<Integer, Integer> statuses) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            String path = i % 2 == 0 ? "/dashboard" : "/dashboard/login";
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        statuses.merge(e == null ? r.statusCode() : -1, 1, Integer::sum);
                        inFlight.release();
                    });
            if (i == count / 2) {
                signedWebhookAnsweredWithin2s();
            }
        }
        assertThat(inFlight.tryAcquire(64, 60, TimeUnit.SECONDS)).as("the flood's answers").isTrue();
    }

    private static void sendHalfABody(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + MetaWebhookRoutes.PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=00\r\nContent-Length: " + MIB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 8; i++) {
                out.write(chunk);
            }
            out.flush();
        } catch (IOException refused) {
            // the ingress closed it (connection limit or body budget): that is a defence, not a failure
        }
    }

    private static void assertClosedBy(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            socket.setSoTimeout((int) Math.max(1, leftMillis));
            try {
                if (in.read(new byte[4096]) < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("a stalled connection was still open after the idle timeout");
            } catch (IOException reset) {
                return;
            } finally {
                if (System.nanoTime() > deadlineNanos && !socket.isClosed()) {
                    socket.close();
                }
            }
        }
    }

    private void signedWebhookAnsweredWithin2s() throws Exception {
        byte[] body = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"edge-" + legitimate.incrementAndGet()
                + "\",\"time\":1,\"messaging\":[]}]}").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + MetaWebhookRoutes.PATH))
                .timeout(Duration.ofSeconds(2)).header("content-type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.headerFor(INSTAGRAM_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private int rawStatus(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, 12);
            String line = new String(head, 0, read, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
        }
    }

    private double metric(String name) {
        String text = ServiceEnvironment.get("http://localhost:" + service.managementPort() + "/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as("metric %s", name).isTrue();
        return Double.parseDouble(m.group(2));
    }

    private double openConnections() {
        String text = ServiceEnvironment.get("http://localhost:" + service.managementPort() + "/metrics").body();
        Matcher m = Pattern.compile("(?m)^igrelay_http_connections_open\\{server=\"public\"} ([0-9.eE+-]+)$")
                .matcher(text);
        assertThat(m.find()).as("igrelay_http_connections_open{server=public}").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static byte[] multipart(String boundary, int fileBytes) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nx\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] out = new byte[head.length() + fileBytes + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + fileBytes, tail.length());
        return out;
    }

    private static Set<Path> workingDirectoryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            return files.collect(Collectors.toSet());
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
