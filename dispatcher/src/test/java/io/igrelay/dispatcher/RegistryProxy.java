package io.igrelay.dispatcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * A schema registry that can be switched off: forwards every call to the real registry while up, answers 503 while
 * down (as a registry behind a load balancer does when it is away), so a test can start a service during an outage
 * and end it without touching the shared registry the other tests use.
 */
public final class RegistryProxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI target;
    private final HttpServer server;
    private final AtomicBoolean down = new AtomicBoolean();

    /** {@code registryUrl}: the real registry's API base, e.g. http://127.0.0.1:8085/apis/ccompat/v7. */
    public RegistryProxy(String registryUrl) throws IOException {
        URI real = URI.create(registryUrl);
        this.target = URI.create(real.getScheme() + "://" + real.getAuthority());
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The proxied API base, to give a service as SCHEMA_REGISTRY_URL. */
    public String url(String registryUrl) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + URI.create(registryUrl).getRawPath();
    }

    public void down() {
        down.set(true);
    }

    public void up() {
        down.set(false);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type")
                    .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
