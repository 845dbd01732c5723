package io.igrelay.bench.hooks;

import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.schemas.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Meta's side of the webhook rows: signed Instagram DM webhooks ({@code X-Hub-Signature-256} with the app secret)
 * POSTed to the real ingress at a steady rate over keep-alive connections. Event {@code seq} comes from customer
 * {@code seq % 1,000} to account {@code seq % accounts}, carries a unique mid, and its text starts with
 * {@link CustomerEndpoints#MARKER} and {@code seq}; the send time of each measured event is kept for the latency.
 */
public final class MetaSender implements AutoCloseable {

    public static final int CUSTOMERS = 1_000;
    private static final String FILLER = "x".repeat(700);

    private final Vertx vertx = Vertx.vertx();
    private final HttpClientAgent client;
    private final Secret secret;
    private final String run = Long.toHexString(System.nanoTime());
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    public MetaSender(int ingressPort, Secret secret) {
        this.secret = secret;
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(ingressPort).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    }

    public static String account(int accountIndex) {
        return Long.toString(17_841_400_000_000_000L + accountIndex);
    }

    /** The IGSID of customer {@code customer}, the sender of its DMs. */
    public static String customer(long customer) {
        return Long.toString(7_309_000_000_000_000L + customer);
    }

    /** How many webhooks were sent, how many answered, and how many of those not with 200. */
    public long sent() {
        return sent.get();
    }

    public long answered() {
        return answered.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Sends one DM to account {@code accountIndex}; {@code text} is its message text. */
    public void send(int accountIndex, long customer, String text, String midSuffix) {
        String account = account(accountIndex);
        long ms = System.currentTimeMillis();
        post("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":" + ms
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + customer(customer)
                + "\"},\"recipient\":{\"id\":\"" + account + "\"},\"timestamp\":" + ms
                + ",\"message\":{\"mid\":\"aWdfZAG1faXRlbTo" + run + "_" + midSuffix + "\",\"text\":\"" + text
                + "\"}}]}]}");
    }

    /**
     * Sends one comment by {@code customer} on a reel of account {@code accountIndex}, in the shape of Meta's
     * {@code comments} webhook field (meta-fixtures and processor fixture webhook-comment.json; entry time in seconds).
     */
    public void sendComment(int accountIndex, long customer, String text, long commentSeq) {
        String account = account(accountIndex);
        post("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":"
                + System.currentTimeMillis() / 1000 + ",\"changes\":[{\"field\":\"comments\",\"value\":{"
                + "\"from\":{\"id\":\"" + customer(customer) + "\",\"username\":\"bench.customer" + customer
                + "\"},\"media\":{\"id\":\"1807" + (10_000_000_000_000L + accountIndex)
                + "\",\"media_product_type\":\"REELS\"},\"id\":\"1791" + Math.floorMod(run.hashCode(), 1000) + commentSeq
                + "\",\"text\":\"" + text + "\"}}]}]}");
    }

    private void post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sent.incrementAndGet();
        String signature = WebhookSignature.headerFor(secret, bytes);
        client.request(HttpMethod.POST, "/webhooks/instagram")
                .compose(req -> req.putHeader("Content-Type", "application/json")
                        .putHeader("X-Hub-Signature-256", signature).send(Buffer.buffer(bytes)))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    answered.incrementAndGet();
                    if (result.failed() || result.result() != 200) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, result.failed() ? result.cause().toString()
                                : "status " + result.result());
                    }
                });
    }

    /**
     * Sends events {@code from} (inclusive) to {@code to} (exclusive) at {@code perSecond}, event {@code seq} to
     * account {@code seq % accounts}, noting each send time (System.nanoTime()) in {@code sentAt[seq]}.
     */
    public void paced(int from, int to, int perSecond, int accounts, AtomicLongArray sentAt) {
        long start = System.nanoTime();
        for (int seq = from; seq < to; seq++) {
            long due = start + (long) (seq - from) * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt.set(seq, System.nanoTime());
            send(seq % accounts, seq % CUSTOMERS, CustomerEndpoints.MARKER + seq + "# Hello, is the olive tote "
                    + "still in stock? " + FILLER, Integer.toString(seq));
        }
    }

    /** As {@link #paced}, with comments instead of DMs (event {@code seq} is comment {@code seq}). */
    public void pacedComments(int from, int to, int perSecond, int accounts, AtomicLongArray sentAt) {
        long start = System.nanoTime();
        for (int seq = from; seq < to; seq++) {
            long wait = start + (long) (seq - from) * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt.set(seq, System.nanoTime());
            sendComment(seq % accounts, seq % CUSTOMERS, CustomerEndpoints.MARKER + seq + "# price of the olive tote?",
                    seq);
        }
    }

    /** Waits until every request sent so far was answered; fails if any was not answered 200. */
    public void awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.get() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " Meta webhooks were not answered 200, first: "
                    + firstFailure.get());
        }
    }

    @Override
    public void close() {
        client.close().await();
        vertx.close().await();
    }
}
