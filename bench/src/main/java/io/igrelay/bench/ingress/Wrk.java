package io.igrelay.bench.ingress;

import io.igrelay.bench.LatencySummary;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.schemas.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external load generator of the ingress rows: {@code wrk} (Debian's package), in its own process, so the
 * bench JVM never competes with the server it measures for the same two cores. It POSTs one signed ~1 KiB
 * Meta-shaped webhook over {@code connections} keep-alive connections (one request outstanding on each, as Meta's
 * senders do) for a fixed time, and reports requests/s and the latency distribution; any non-2xx answer or socket
 * error fails the run.
 */
final class Wrk {

    record Outcome(double requestsPerSecond, long requests, LatencySummary latency) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path script;

    Wrk(Path dir, Secret secret, int bodySize) throws IOException {
        requireInstalled();
        byte[] body = MetaWebhookBody.of(bodySize);
        String lua = "wrk.method = \"POST\"\n"
                + "wrk.body = [==[" + new String(body, StandardCharsets.UTF_8) + "]==]\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"User-Agent\"] = \"facebookexternalua\"\n"
                + "wrk.headers[\"" + WebhookSignature.HEADER + "\"] = \"" + WebhookSignature.headerFor(secret, body)
                + "\"\n";
        this.script = dir.resolve("meta-webhook.lua");
        Files.writeString(script, lua);
    }

    /** Fails with how to install it when {@code wrk} is not on the PATH. */
    static void requireInstalled() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("the ingress rows need the load generator wrk, which is not installed; "
                    + "install Debian's package: apt-get install -y wrk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for wrk", e);
        }
    }

    /** Runs wrk against {@code url} for {@code duration}; fails on any error answer or socket error. */
    Outcome run(String url, int connections, Duration duration) throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "--latency", "-s",
                script.toString(), url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + String.join(" ", command));
        }
        return parse(out);
    }

    static Outcome parse(String out) {
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            throw new IllegalStateException("wrk saw socket errors (" + errors.group() + "):\n" + out);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            throw new IllegalStateException(non2xx.group() + ":\n" + out);
        }
        Matcher rate = RATE.matcher(out);
        Matcher count = COUNT.matcher(out);
        if (!rate.find() || !count.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        double p50 = -1;
        double p99 = -1;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double ms = millis(percentile.group(2), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        if (p50 < 0 || p99 < 0) {
            throw new IllegalStateException("no latency distribution in the wrk output:\n" + out);
        }
        long requests = Long.parseLong(count.group(1));
        return new Outcome(Double.parseDouble(rate.group(1)), requests,
                new LatencySummary(requests, p50, p99, p99, p99));
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
