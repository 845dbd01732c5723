package io.igrelay.dispatcher.send;

import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphCall;
import io.igrelay.dispatcher.graph.OutcomeClassifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/*
 * Makes one Send API call with the JDK HttpClient on the calling worker thread and hands the answer to the
 * classifier: an HTTP error status is never taken for success, and a call without an answer (timeout, refused
 * connection) is classified too. HTTP/1.1 with keep-alive; the JDK pool has no upper bound, so each of the
 * parallel consumer's workers keeps its own connection. Tokens travel only in the request; nothing here logs.
 */
public final class GraphClient implements SendApi {

    private final HttpClient http;
    private final Duration timeout;
    private final OutcomeClassifier classifier;
    private final SendMetrics metrics;

    public GraphClient(HttpClient http, Duration timeout, OutcomeClassifier classifier, SendMetrics metrics) {
        this.http = http;
        this.timeout = timeout;
        this.classifier = classifier;
        this.metrics = metrics;
    }

    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CallOutcome send(GraphCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.body()));
        call.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classifier.classify(response.statusCode(), response.body());
        } catch (IOException e) {
            return classifier.classify(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return classifier.classify(e);
        } finally {
            metrics.latency().record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
