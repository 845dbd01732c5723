package io.igrelay.sandbox;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sandbox standalone: reads the environment, starts the server and prints the URLs to point the hub at.
 * SIGTERM closes Vert.x cleanly through a shutdown hook. A bad configuration exits with one message naming every
 * problem.
 */
public final class SandboxMain {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxMain.class);

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig cfg;
        try {
            cfg = SandboxConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(vertx, cfg).await();
        } catch (RuntimeException e) {
            LOG.error("sandbox failed to start: {}", e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping sandbox");
            try {
                sandbox.close().eventually(vertx::close).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("sandbox did not close cleanly: {}", e.getMessage());
            }
            closed.countDown();
        }, "sandbox-shutdown"));
        LOG.info("sandbox listening on {} (instances {}, echoes {}, latency {} ms)", sandbox.baseUrl(),
                cfg.instances(), cfg.echoes(), cfg.latencyMs());
        LOG.info("GRAPH_FACEBOOK_URL={} GRAPH_INSTAGRAM_URL={} INSTAGRAM_API_URL={}", sandbox.graphFacebookUrl(),
                sandbox.graphInstagramUrl(), sandbox.instagramApiUrl());
        LOG.info("INSTAGRAM_AUTHORIZE_URL={} FACEBOOK_DIALOG_URL={}", sandbox.instagramAuthorizeUrl(),
                sandbox.facebookDialogUrl());
        LOG.info("webhooks go to {}; admin API and test page at {}", cfg.webhookUrl(), sandbox.adminUrl());
        closed.await();
    }
}
