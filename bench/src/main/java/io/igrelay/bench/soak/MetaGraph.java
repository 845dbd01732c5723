package io.igrelay.bench.soak;

import io.igrelay.bench.e2e.HubProcesses;
import io.igrelay.bench.hooks.MetaSender;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Meta's Graph API for the soak's API sends: the sandbox in this JVM with the hub's app ids and secrets, Meta's
 * per-account rate limits, echoes off (the webhook load is the Meta sender's), a bounded send log, the soak's
 * business accounts each holding a token it issued, and an open window for every customer of the Meta sender
 * (customer c writes to account c % accounts), so every API send is a legitimate one.
 */
final class MetaGraph implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Sandbox sandbox;
    private final List<String> tokens = new ArrayList<>();

    MetaGraph(int accounts) {
        SandboxConfig config = SandboxConfig.fromEnv(Map.of(
                "SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false",
                "SANDBOX_LOG_LIMIT", "10000",
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused",
                "META_APP_ID", HubProcesses.META_APP_ID,
                "META_APP_SECRET", HubProcesses.APP_SECRET.value(),
                "INSTAGRAM_APP_ID", HubProcesses.INSTAGRAM_APP_ID,
                "INSTAGRAM_APP_SECRET", HubProcesses.INSTAGRAM_APP_SECRET));
        try {
            sandbox = Sandbox.startBlocking(vertx, config);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        for (int i = 0; i < accounts; i++) {
            String account = MetaSender.account(i);
            sandbox.state().directory().add(new IgAccount(account, "2" + account.substring(1), "bench.shop." + i,
                    "Bench Shop " + i, "BUSINESS", 0, 0));
            tokens.add(sandbox.issueToken(account, Flavour.INSTAGRAM_LOGIN));
        }
        long now = sandbox.clock().millis();
        for (int c = 0; c < MetaSender.CUSTOMERS; c++) {
            sandbox.users().openWindow(MetaSender.account(c % accounts), MetaSender.customer(c), now);
        }
    }

    /** The plaintext token account {@code i}'s channel holds. */
    String token(int i) {
        return tokens.get(i);
    }

    String graphInstagramUrl() {
        return sandbox.graphInstagramUrl();
    }

    String graphFacebookUrl() {
        return sandbox.graphFacebookUrl();
    }

    long sent() {
        return sandbox.state().sentCount();
    }

    long refused() {
        return sandbox.state().refusedCount();
    }

    @Override
    public void close() {
        sandbox.close().await();
        vertx.close().await();
    }
}
