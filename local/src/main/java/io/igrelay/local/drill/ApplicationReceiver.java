package io.igrelay.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Application's endpoint: {@code /message} for the {@code Message} webhook and {@code /status} for
 * {@code MessageStatus}. It answers the registration's validation handshake, notes every delivery of a drill DM
 * (by the {@code wh#<seq>#} in its text, with its eventId) and every status of a drill reply, and answers 200. It can
 * be taken down (the port refuses connections) and brought back on the same port.
 */
final class ApplicationReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WEBHOOK_SEQ = Pattern.compile(Pattern.quote(WebhookTraffic.MARKER) + "(\\d+)#");

    /** One delivery of a DM to the Message webhook. */
    record Arrival(long at, String eventId) {
    }

    /** One MessageStatus event of a reply. */
    record Status(long at, String status, boolean isFinal, String errorCode, String errorMessage) {
    }

    private final Map<Integer, List<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, List<Status>> statuses = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private final int port;

    ApplicationReceiver() {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The deliveries of DM {@code seq} so far, oldest first (empty if none). */
    List<Arrival> arrivals(int seq) {
        return arrivals.getOrDefault(seq, List.of());
    }

    List<Status> statuses(String messageId) {
        return statuses.getOrDefault(messageId, List.of());
    }

    /** From now on connections are refused. */
    synchronized void down() {
        server.stop(0);
    }

    synchronized void up() {
        server = bind(port);
    }

    private HttpServer bind(int wanted) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 64);
            created.setExecutor(Executors.newFixedThreadPool(4, Daemons.named("receiver")));
            created.createContext("/", this::handle);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wanted + " for the Application", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = exchange.getRequestHeaders().getFirst("X-Validation-Token");
        byte[] answer = token != null ? ("\"" + token + "\"").getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (token == null) {
            note(exchange.getRequestURI().getPath(), body);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void note(String path, String body) {
        long now = System.currentTimeMillis();
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            return; // not an event of ours; the drill judges by what it can read
        }
        if (path.startsWith("/status")) {
            statuses.computeIfAbsent(event.path("messageId").asText(), k -> new CopyOnWriteArrayList<>())
                    .add(new Status(now, event.path("status").asText(), event.path("isFinal").asBoolean(),
                            event.path("errorCode").asText(""), event.path("errorMessage").asText("")));
            return;
        }
        if (!"inbound".equalsIgnoreCase(event.path("direction").asText("inbound"))) {
            return; // echoes of the drill's own replies
        }
        Matcher m = WEBHOOK_SEQ.matcher(event.path("content").path("text").asText(""));
        if (m.find()) {
            arrivals.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new CopyOnWriteArrayList<>())
                    .add(new Arrival(now, event.path("eventId").asText()));
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
