package io.igrelay.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until a child is usable, not merely started: polls a condition (an HTTP 200 on {@code /health/ready}, an
 * AdminClient call) and gives up early, with the child's last log lines, when the child dies.
 */
public final class ChildReadiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildReadiness() {
    }

    public static void await(ChildProcess child, String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (child.exitedUnexpectedly()) {
                throw new StackStartException(child.name() + " exited during start-up; last lines of "
                        + child.logFile() + ":\n" + child.tail(30));
            }
            if (!child.isAlive()) {
                throw new StackStartException("start-up interrupted while waiting for " + child.name());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new StackStartException(child.name() + " was not ready (" + what + ") within " + timeout.toSeconds()
                + " s; see " + child.logFile() + ". Last lines:\n" + child.tail(30));
    }

    public static void awaitHttpOk(ChildProcess child, URI uri, Duration timeout) {
        await(child, "GET " + uri, timeout, () -> httpOk(uri));
    }

    static boolean httpOk(URI uri) {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while waiting for " + uri, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted during start-up", e);
        }
    }
}
