package io.igrelay.local.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks each service's {@code /health/ready} every 500 ms, each on its own thread so a frozen one does not delay the
 * others, and keeps every answer: UP (200 saying UP), another status a 200 carries (the ingress says DEGRADED while
 * it spools), DOWN (any other answer, usually 503), or GONE (no answer within 2 s, no connection).
 */
final class HealthWatch implements AutoCloseable {

    static final String UP = "UP";
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z_]+)\"");

    /** One answer of one service. */
    record Sample(String service, long at, String state) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, URI> services;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService pollers;

    /** {@code services}: name → base URL of its health endpoints. */
    HealthWatch(Map<String, String> services) {
        this.services = new LinkedHashMap<>();
        services.forEach((name, base) -> this.services.put(name, URI.create(base + "/health/ready")));
        this.pollers = Executors.newScheduledThreadPool(services.size(), Daemons.named("health"));
    }

    void start() {
        services.forEach((name, uri) -> pollers.scheduleWithFixedDelay(() -> samples.add(
                new Sample(name, System.currentTimeMillis(), ask(uri))), 0, 500, TimeUnit.MILLISECONDS));
    }

    /** True when every service's latest answer after {@code since} is UP. */
    boolean allUpSince(long since) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.at() > since) {
                latest.put(s.service(), s.state());
            }
        }
        return latest.keySet().containsAll(services.keySet()) && latest.values().stream().allMatch(UP::equals);
    }

    /** The services whose latest answer is not UP. */
    List<String> notUpNow() {
        Map<String, String> latest = new LinkedHashMap<>();
        samples.forEach(s -> latest.put(s.service(), s.state()));
        List<String> down = new ArrayList<>();
        latest.forEach((service, state) -> {
            if (!UP.equals(state)) {
                down.add(service);
            }
        });
        return down;
    }

    /** Per service, how long it answered something other than UP in [from, to], e.g. "processor DOWN 12.5 s". */
    List<String> notUpBetween(long from, long to) {
        List<String> seen = new ArrayList<>();
        for (String service : services.keySet()) {
            Map<String, Long> millis = new LinkedHashMap<>();
            long previous = -1;
            for (Sample s : samples) {
                if (!s.service().equals(service) || s.at() < from || s.at() > to) {
                    continue;
                }
                long span = previous < 0 ? 500 : Math.min(s.at() - previous, 2_500);
                previous = s.at();
                if (!UP.equals(s.state())) {
                    millis.merge(s.state(), span, Long::sum);
                }
            }
            millis.forEach((state, ms) -> seen.add(String.format(Locale.ROOT, "%s %s %.0fs", service, state,
                    ms / 1000.0)));
        }
        return seen;
    }

    private String ask(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "DOWN";
            }
            Matcher m = STATUS.matcher(response.body());
            return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : UP;
        } catch (IOException e) {
            return "GONE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "GONE";
        }
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
