package io.igrelay.bench.ingress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just the registration call of the Confluent Schema Registry API ({@code POST /subjects/{s}/versions}), so the
 * ingress under benchmark can start against the bench's bare broker. The ingress registers its schemas once at
 * start and caches the ids, so the registry is not part of what the benchmark measures.
 */
final class StubSchemaRegistry implements AutoCloseable {

    private final HttpServer server;
    private final List<String> schemas = new ArrayList<>();

    StubSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean register = exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getPath().matches("/subjects/[^/]+/versions");
        int id = schemas.indexOf(body);
        if (register && id < 0) {
            schemas.add(body);
            id = schemas.size() - 1;
        }
        byte[] answer = (register ? "{\"id\":" + (id + 1) + "}" : "{\"error_code\":40401,\"message\":\"stub\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(register ? 200 : 404, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
