package io.igrelay.ingress.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of the Confluent Schema Registry API for the drill's forked ingress to register its schemas
 * ({@code POST /subjects/{s}/versions}, {@code GET /schemas/ids/{id}}), so the drill needs neither the shared
 * stack's registry nor its broker. Schemas live in memory for the test's lifetime. {@link #down()} makes it answer
 * 503 to everything (a registry behind a load balancer while it is away) until {@link #up()}.
 */
final class DrillRegistry implements AutoCloseable {

    private final HttpServer server;
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    DrillRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (down) {
            answer(exchange, 503, new JsonObject().put("error_code", 50302).put("message", "registry away"));
        } else if (method.equals("POST") && path.matches("/subjects/[^/]+/versions")) {
            String schema = new JsonObject(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getString("schema");
            int index = schemas.indexOf(schema);
            if (index < 0) {
                schemas.add(schema);
                index = schemas.size() - 1;
            }
            answer(exchange, 200, new JsonObject().put("id", index + 1));
        } else if (method.equals("GET") && path.matches("/schemas/ids/\\d+")) {
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            if (id >= 1 && id <= schemas.size()) {
                answer(exchange, 200, new JsonObject().put("schema", schemas.get(id - 1)));
            } else {
                answer(exchange, 404, new JsonObject().put("error_code", 40403).put("message", "Schema not found"));
            }
        } else {
            answer(exchange, 404, new JsonObject().put("error_code", 404).put("message", "not in the drill registry"));
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
