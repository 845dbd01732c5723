package io.igrelay.local.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Application's side of the drill: text replies through the hub API from the connected channel to the users
 * who wrote, at a steady rate, each text starting with {@code api#<seq>#}. A 202 carries the messageId, which the
 * drill follows to Meta's Send API (the sandbox's log) or to a final status.
 */
final class ApiTraffic implements AutoCloseable {

    static final String MARKER = "api#";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newCachedThreadPool(Daemons.named("api")))
            .build();
    private final URI url;
    private final String apiKey;
    private final String from;
    private final List<String> users;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<Outgoing> sent = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(Daemons.named("pacer"));

    ApiTraffic(String ingress, String apiKey, String from, List<String> users) {
        this.url = URI.create(ingress + "/v1/communication/instagram/message");
        this.apiKey = apiKey;
        this.from = from;
        this.users = List.copyOf(users);
    }

    void start(int perSecond) {
        pacer.scheduleAtFixedRate(this::sendNext, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    List<Outgoing> sent() {
        return List.copyOf(sent);
    }

    /** The messageId of a send answered 202, or null. */
    static String messageId(Outgoing send) {
        if (send.status() != 202) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(send.answer());
        return m.find() ? m.group(1) : null;
    }

    private void sendNext() {
        int seq = next.getAndIncrement();
        String user = users.get(seq % users.size());
        Outgoing out = new Outgoing(seq, user, "reply", System.currentTimeMillis());
        sent.add(out);
        String json = "{\"from\":\"" + from + "\",\"to\":\"" + user + "\",\"content\":{\"text\":\"" + MARKER + seq
                + "# drill reply\"}}";
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("x-api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (response != null) {
                out.answered(response.statusCode(), response.body(), System.currentTimeMillis());
            } else {
                out.answered(Outgoing.NO_ANSWER, String.valueOf(failure), System.currentTimeMillis());
            }
        });
    }

    @Override
    public void close() {
        pacer.shutdownNow();
    }
}
