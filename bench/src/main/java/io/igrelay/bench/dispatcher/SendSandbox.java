package io.igrelay.bench.dispatcher;

import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.fault.FaultPlan;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox (Meta's side) in this JVM as the dispatcher and sandbox rows need it: echoes off, Meta's per-account
 * rate limits on or off, a Send API latency of {@code latencyMs} plus a uniform jitter of up to {@code jitterMs}
 * (seeded), the bench's business accounts each holding a long-lived Instagram token, and an open 24 h window for
 * every conversation, so every send is a legitimate one.
 */
public final class SendSandbox implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Sandbox sandbox;
    private final Map<String, String> tokens = new HashMap<>();

    public SendSandbox(int latencyMs, int jitterMs, boolean rateLimits, int logLimit) {
        SandboxConfig config = SandboxConfig.fromEnv(Map.of(
                "SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false",
                "SANDBOX_LATENCY_MS", Integer.toString(latencyMs),
                "SANDBOX_RATE_LIMIT_TEXT", rateLimits ? "100" : "0",
                "SANDBOX_RATE_LIMIT_MEDIA", rateLimits ? "10" : "0",
                "SANDBOX_LOG_LIMIT", Integer.toString(Math.max(10, logLimit)),
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused"));
        try {
            sandbox = Sandbox.startBlocking(vertx, config);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        if (jitterMs > 0) {
            sandbox.state().faults().set(new FaultPlan(21, 0, jitterMs, 0, 0, List.of(1, 2, 1200), 0, List.of(),
                    null));
        }
        for (String account : BenchConversations.accounts()) {
            sandbox.state().directory().add(new IgAccount(account, "2" + account.substring(1),
                    "bench.shop" + account.substring(account.length() - 3), "Bench Shop", "BUSINESS", 0, 0));
            tokens.put(account, sandbox.issueToken(account, Flavour.INSTAGRAM_LOGIN));
        }
        long now = sandbox.clock().millis();
        for (BenchConversations.Conversation c : BenchConversations.all()) {
            sandbox.users().openWindow(c.account(), c.igsid(), now);
        }
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The account's plaintext Instagram token, as the sandbox issued it. */
    public String token(String account) {
        return tokens.get(account);
    }

    public long sent() {
        return sandbox.state().sentCount();
    }

    public long refused() {
        return sandbox.state().refusedCount();
    }

    @Override
    public void close() {
        sandbox.close().await();
        vertx.close().await();
    }
}
