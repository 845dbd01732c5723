package io.igrelay.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the hub's endpoints in tests: records every request's raw bytes and headers, and answers with a
 * status (and body) the test can change, optionally after a delay.
 */
final class WebhookReceiver {
    record Received(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    volatile String responseBody = "EVENT_RECEIVED";
    volatile long delayMs;
    private final HttpServer server;

    WebhookReceiver(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            Map<String, String> headers = new java.util.HashMap<>();
            req.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
            received.add(new Received(req.path(), headers, buf.getBytes()));
            Runnable answer = () -> req.response().setStatusCode(status.get()).end(responseBody);
            if (delayMs > 0) {
                vertx.setTimer(delayMs, t -> answer.run());
            } else {
                answer.run();
            }
        })).listen(0).await();
    }

    String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    void close() {
        server.close().await();
    }
}
