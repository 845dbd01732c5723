package io.igrelay.dispatcher.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * The Application's side in integration tests: a real HTTP server that records every delivery per path, answers
 * 200 on /ok/*, never answers on /slow/*, 410 on /gone/*, 500 for the first two calls on /flaky/*, and 500 on
 * /toggle/* until the test heals it, and on /budget/* 200 until a budget set by the test is spent (then nothing).
 */
final class Receiver implements AutoCloseable {

    record Delivery(String path, String body, String signature, long receivedAtNanos) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, List<Delivery>> byPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final java.util.Set<String> healthy = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> budgets = new ConcurrentHashMap<>();

    Receiver() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/ok/:name").handler(ctx -> {
            record(ctx.normalizedPath(), ctx.body().asString(), ctx.request().getHeader("X-hub-Signature"));
            ctx.response().end("ok");
        });
        router.post("/slow/:name").handler(ctx ->
                record(ctx.normalizedPath(), ctx.body().asString(), ctx.request().getHeader("X-hub-Signature")));
        router.post("/gone/:name").handler(ctx -> {
            record(ctx.normalizedPath(), ctx.body().asString(), null);
            ctx.response().setStatusCode(410).end();
        });
        router.post("/flaky/:name").handler(ctx -> {
            record(ctx.normalizedPath(), ctx.body().asString(), null);
            int n = flakyCalls.computeIfAbsent(ctx.normalizedPath(), k -> new AtomicInteger()).incrementAndGet();
            ctx.response().setStatusCode(n <= 2 ? 500 : 200).end();
        });
        router.post("/toggle/:name").handler(ctx -> {
            record(ctx.normalizedPath(), ctx.body().asString(), null);
            ctx.response().setStatusCode(healthy.contains(ctx.normalizedPath()) ? 200 : 500).end();
        });
        router.post("/budget/:name").handler(ctx -> {
            record(ctx.normalizedPath(), ctx.body().asString(), ctx.request().getHeader("X-hub-Signature"));
            AtomicInteger budget = budgets.get(ctx.normalizedPath());
            if (budget == null || budget.getAndDecrement() > 0) {
                ctx.response().end("ok");
            } // else never answered
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    private void record(String path, String body, String signature) {
        byPath.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
                .add(new Delivery(path, body, signature, System.nanoTime()));
    }

    /** From now on /toggle/{name} answers 200. */
    void heal(String path) {
        healthy.add(path);
    }

    /** From now on /budget/{name} answers only {@code answers} more deliveries, then never answers. */
    void budget(String path, int answers) {
        budgets.put(path, new AtomicInteger(answers));
    }

    /** From now on /budget/{name} answers every delivery again. */
    void unlimited(String path) {
        budgets.remove(path);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    List<Delivery> at(String path) {
        return byPath.getOrDefault(path, List.of());
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
