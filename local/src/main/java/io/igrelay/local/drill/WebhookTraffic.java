package io.igrelay.local.drill;

import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.schemas.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meta's side of the drill: Instagram DM webhooks, signed with the Instagram app secret over the exact bytes as Meta
 * signs them, POSTed to the ingress at a steady rate, the users taking turns. Each message text starts with
 * {@code wh#<seq>#}, so the Application's receiver can tell which one arrived. Meta waits a few seconds for the
 * answer; a webhook not answered 200 in that time is one Meta would send again, so the drill does not count it.
 */
final class WebhookTraffic implements AutoCloseable {

    static final String MARKER = "wh#";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newCachedThreadPool(Daemons.named("webhook")))
            .build();
    private final URI url;
    private final Secret secret;
    private final String account;
    private final List<String> users;
    private final String run = Long.toHexString(System.nanoTime());
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<Outgoing> sent = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(Daemons.named("pacer"));

    WebhookTraffic(URI url, Secret secret, String account, List<String> users) {
        this.url = url;
        this.secret = secret;
        this.account = account;
        this.users = List.copyOf(users);
    }

    /** Sends {@code perSecond} DMs a second until closed, user after user. */
    void start(int perSecond) {
        pacer.scheduleAtFixedRate(() -> {
            int seq = next.getAndIncrement();
            message(users.get(seq % users.size()), seq, System.currentTimeMillis(), "");
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** One DM from {@code user} with the given Meta timestamp and extra JSON members in the message object. */
    Outgoing message(String user, int seq, long metaTimestamp, String extraMembers) {
        return send(user, seq, "dm", body(user, seq, metaTimestamp, MARKER + seq + "# drill DM", extraMembers));
    }

    /** A DM outside the steady traffic (a poison webhook), with its own body around the usual marker. */
    Outgoing special(String user, String label, long metaTimestamp, String textPadding, String extraMembers) {
        int seq = next.getAndIncrement();
        return send(user, seq, label,
                body(user, seq, metaTimestamp, MARKER + seq + "# drill " + label + textPadding, extraMembers));
    }

    int nextSeq() {
        return next.getAndIncrement();
    }

    List<Outgoing> sent() {
        return List.copyOf(sent);
    }

    private Outgoing send(String user, int seq, String label, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Outgoing out = new Outgoing(seq, user, label, System.currentTimeMillis());
        sent.add(out);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.headerFor(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (response != null) {
                out.answered(response.statusCode(), response.body(), System.currentTimeMillis());
            } else {
                out.answered(Outgoing.NO_ANSWER, String.valueOf(failure), System.currentTimeMillis());
            }
        });
        return out;
    }

    private String body(String user, int seq, long metaTimestamp, String text, String extraMembers) {
        long now = System.currentTimeMillis();
        return "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":" + now
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + user + "\"},\"recipient\":{\"id\":\"" + account
                + "\"},\"timestamp\":" + metaTimestamp + ",\"message\":{\"mid\":\"aWdfZAG1faXRlbTo" + run + "_" + seq
                + "\",\"text\":\"" + text + "\"" + extraMembers + "}}]}]}";
    }

    @Override
    public void close() {
        pacer.shutdownNow();
    }
}
