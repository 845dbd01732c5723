package io.igrelay.dispatcher.send;

import io.igrelay.dispatcher.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * A stand-in for Meta's Send API until the sandbox module is usable here: one Vert.x server that records every
 * call (path, query, Authorization, body) and answers from the meta-fixtures. A message text starting "ERR:<file>"
 * gets that error fixture (with its status), "FLAKY:<n>" fails n times with error-transient.json first.
 */
final class FakeGraphServer implements AutoCloseable {

    record Received(String path, String query, String authorization, JsonObject body, long atNanos) {

        String recipient() {
            return body.getJsonObject("recipient").getString("id");
        }

        String text() {
            JsonObject message = body.getJsonObject("message");
            return message == null ? null : message.getString("text");
        }
    }

    private static final Map<String, Integer> STATUS = Map.of("error-outside-window.json", 403,
            "error-transient.json", 500);

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> flakyCounts = new ConcurrentHashMap<>();
    private final AtomicInteger mids = new AtomicInteger();
    private volatile int maxLatencyMillis;

    FakeGraphServer() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            int latency = maxLatencyMillis == 0 ? 0 : ThreadLocalRandom.current().nextInt(maxLatencyMillis + 1);
            Runnable answer = () -> {
                Received call = new Received(request.path(), request.query(), request.getHeader("Authorization"),
                        body, System.nanoTime());
                received.add(call);
                String text = call.text() == null ? "" : call.text();
                String fixture = null;
                if (text.startsWith("ERR:")) {
                    fixture = text.substring(4).split(" ")[0];
                } else if (text.startsWith("FLAKY:")) {
                    int failures = Integer.parseInt(text.substring(6).split(" ")[0]);
                    if (flakyCounts.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet() <= failures) {
                        fixture = "error-transient.json";
                    }
                }
                if (fixture != null) {
                    request.response().setStatusCode(STATUS.getOrDefault(fixture, 400))
                            .putHeader("content-type", "application/json").end(Fixtures.text(fixture));
                } else {
                    JsonObject ok = new JsonObject().put("recipient_id", call.recipient());
                    if (body.containsKey("message")) {
                        ok.put("message_id", "mid." + mids.incrementAndGet());
                    }
                    request.response().putHeader("content-type", "application/json").end(ok.encode());
                }
            };
            if (latency > 0) {
                vertx.setTimer(latency, id -> answer.run());
            } else {
                answer.run();
            }
        })).listen(0).await();
    }

    void latencyUpTo(int millis) {
        this.maxLatencyMillis = millis;
    }

    String url(String prefix) {
        return "http://localhost:" + server.actualPort() + prefix;
    }

    List<Received> to(String igsid) {
        return received.stream().filter(r -> r.recipient().equals(igsid)).toList();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
