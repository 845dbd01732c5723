package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.BoundedLog;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Delivers webhooks like Meta: signed POSTs to the callback URL, several queued items batched into one body,
 * a failed delivery retried at once and then with growing delays, and an account's subscription disabled once its
 * deliveries have failed for the configured outage (Meta: one hour), measured on the sandbox clock.
 * All queue state lives on one Vert.x context, so it needs no locks; other threads enqueue via runOnContext.
 */
public final class WebhookDispatcher {
    private final SandboxConfig cfg;
    private final Directory directory;
    private final Clock clock;
    private final Context context;
    private final WebClient client;
    private final BoundedLog<DeliveryAttempt> log;
    private final ArrayDeque<WebhookItem> pending = new ArrayDeque<>();
    private final List<Delivery> retrying = new ArrayList<>();
    private final Map<String, Long> failingSince = new HashMap<>();
    private final long timerId;
    private long nextDeliveryId;
    private int inFlight;
    private boolean pumpScheduled;
    private volatile boolean paused;

    public WebhookDispatcher(Vertx vertx, SandboxConfig cfg, Directory directory, Clock clock) {
        this.cfg = cfg;
        this.directory = directory;
        this.clock = clock;
        this.context = vertx.getOrCreateContext();
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("facebookexternalua")
                .setConnectTimeout((int) cfg.webhookTimeout().toMillis()));
        this.log = new BoundedLog<>(cfg.logLimit());
        this.timerId = vertx.setPeriodic(25, id -> context.runOnContext(v -> pump()));
    }

    /**
     * Queues an item if its account is subscribed (to any field) and the app subscribed to the item's field; returns
     * whether it was queued. Meta does not filter by the account's own field list.
     */
    public boolean enqueue(WebhookItem item) {
        IgAccount acc = directory.account(item.accountId()).orElse(null);
        if (acc == null || acc.subscription().filter(IgAccount.Subscription::delivers).isEmpty()
                || !cfg.appFields().contains(item.field())) {
            return false;
        }
        context.runOnContext(v -> {
            pending.add(item);
            schedulePump();
        });
        return true;
    }

    /** Sends a prebuilt body as its own delivery, regardless of subscriptions (dashboard test events). */
    public void enqueueRaw(Flavour flavour, ObjectNode root) {
        context.runOnContext(v -> {
            retrying.add(Delivery.raw(++nextDeliveryId, flavour, root, secret(flavour)));
            schedulePump();
        });
    }

    private String secret(Flavour flavour) {
        return flavour == Flavour.INSTAGRAM_LOGIN ? cfg.instagramAppSecret() : cfg.metaAppSecret();
    }

    public void paused(boolean p) {
        this.paused = p;
        if (!p) {
            context.runOnContext(v -> pump());
        }
    }

    public boolean paused() {
        return paused;
    }

    public BoundedLog<DeliveryAttempt> attempts() {
        return log;
    }

    public void close(Vertx vertx) {
        vertx.cancelTimer(timerId);
        client.close();
    }

    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            context.runOnContext(v -> {
                pumpScheduled = false;
                pump();
            });
        }
    }

    private void pump() {
        while (!paused && inFlight < cfg.webhookConcurrency()) {
            Delivery d = dueRetry();
            if (d == null) {
                d = nextBatch();
            }
            if (d == null) {
                return;
            }
            send(d);
        }
    }

    private Delivery dueRetry() {
        long now = clock.millis();
        for (Iterator<Delivery> it = retrying.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.nextDueAt <= now) {
                it.remove();
                return d;
            }
        }
        return null;
    }

    private Delivery nextBatch() {
        List<WebhookItem> batch = new ArrayList<>();
        Flavour flavour = null;
        for (Iterator<WebhookItem> it = pending.iterator(); it.hasNext() && batch.size() < cfg.webhookMaxBatch(); ) {
            WebhookItem item = it.next();
            IgAccount.Subscription sub = directory.account(item.accountId())
                    .flatMap(IgAccount::subscription).orElse(null);
            if (sub == null || sub.disabled()) {
                it.remove();
                continue;
            }
            if (flavour == null || flavour == sub.flavour()) {
                flavour = sub.flavour();
                batch.add(item);
                it.remove();
            }
        }
        if (batch.isEmpty()) {
            return null;
        }
        return Delivery.of(++nextDeliveryId, flavour, batch, clock.millis(), secret(flavour));
    }

    private void send(Delivery d) {
        inFlight++;
        d.attempts++;
        long startedAt = clock.millis();
        client.postAbs(cfg.webhookUrl().toString())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Hub-Signature-256", d.signature)
                .putHeader("X-Hub-Signature", d.legacySignature)
                .timeout(cfg.webhookTimeout().toMillis())
                .sendBuffer(Buffer.buffer(d.body))
                .onComplete(ar -> {
                    inFlight--;
                    int status = ar.succeeded() ? ar.result().statusCode() : 0;
                    String error = ar.succeeded() ? null : String.valueOf(ar.cause().getMessage());
                    boolean ok = status >= 200 && status < 300;
                    String outcome = ok ? "delivered" : afterFailure(d);
                    log.add(new DeliveryAttempt(log.nextSeq(), d.id, d.attempts, startedAt,
                            cfg.webhookUrl().toString(), status, ok, error, d.items, d.accountIds, d.signature,
                            new String(d.body, StandardCharsets.US_ASCII), outcome));
                    if (ok) {
                        d.accountIds.forEach(failingSince::remove);
                    }
                    pump();
                });
    }

    /** Schedules the retry or, past the outage limit, disables the accounts' subscriptions. */
    private String afterFailure(Delivery d) {
        long now = clock.millis();
        long since = now;
        for (String acc : d.accountIds) {
            since = Math.min(since, failingSince.computeIfAbsent(acc, a -> now));
        }
        if (now - since >= cfg.webhookDisableAfter().toMillis()) {
            for (String acc : d.accountIds) {
                directory.account(acc).ifPresent(a -> a.subscription().ifPresent(s -> a.subscribe(
                        new IgAccount.Subscription(s.flavour(), s.fields(), true, now))));
                failingSince.remove(acc);
            }
            return "subscription_disabled";
        }
        d.nextDueAt = now + backoff(d.attempts);
        retrying.add(d);
        return "retry_scheduled";
    }

    private long backoff(int attempts) {
        if (attempts <= 1) {
            return 0;
        }
        long delay = cfg.webhookRetryInitial().toMillis() << Math.min(20, attempts - 2);
        return Math.min(delay, cfg.webhookRetryMax().toMillis());
    }
}
