package io.igrelay.dispatcher.send;

import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphRequest;
import io.igrelay.dispatcher.graph.OutcomeClassifier;
import io.igrelay.dispatcher.limit.UsageGovernor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/*
 * Makes one Send API call on the calling worker thread and hands the answer to the classifier: an HTTP error status
 * is never taken for success, and a call without an answer (timeout, refused connection) is classified too.
 * Apache HttpClient 5 in its blocking form: each of the parallel consumer's workers writes the request and reads the
 * answer on a kept-alive connection of its own (the pool holds one per worker), with no hand-over to a selector or
 * executor thread; the JDK HttpClient it replaced spent more CPU per call than everything else in the dispatcher
 * (decisions.md). No automatic retries (a POST is re-sent only by the pipeline, which knows the ledger), no
 * redirects, no cookies. Tokens travel only in the request; nothing here logs. Meta's usage headers on every answer
 * (X-App-Usage, X-Business-Use-Case-Usage) go to the UsageGovernor, which slows the account down before a limit.
 */
public final class GraphClient implements SendApi, AutoCloseable {

    private static final ContentType JSON = ContentType.APPLICATION_JSON;
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);
    private static final TimeValue EVICT_AFTER_IDLE = TimeValue.ofSeconds(50);

    private final CloseableHttpClient http;
    private final OutcomeClassifier classifier;
    private final SendMetrics metrics;
    private final UsageGovernor usage;

    public GraphClient(int connections, Duration connectTimeout, Duration timeout, OutcomeClassifier classifier,
            SendMetrics metrics) {
        this(connections, connectTimeout, timeout, classifier, metrics, null);
    }

    /**
     * @param connections the most calls at once (the parallel consumer's worker count); connections are kept for
     *                    reuse up to that number
     * @param timeout     the longest wait for Meta's answer once the request is written
     * @param usage       gets Meta's usage headers of each answer; null = ignore them
     */
    public GraphClient(int connections, Duration connectTimeout, Duration timeout, OutcomeClassifier classifier,
            SendMetrics metrics, UsageGovernor usage) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                // a connection idle for a while may have been closed by Meta: check before reuse
                                .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setRedirectsEnabled(false)
                        .build())
                .evictIdleConnections(EVICT_AFTER_IDLE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        this.classifier = classifier;
        this.metrics = metrics;
        this.usage = usage;
    }

    @Override
    public CallOutcome send(GraphRequest call) {
        HttpUriRequestBase request = GraphRequest.DELETE.equals(call.method()) ? new HttpDelete(call.uri())
                : new HttpPost(call.uri());
        if (!call.body().isEmpty()) {
            request.setEntity(new StringEntity(call.body(), JSON));
        }
        call.bearerToken().ifPresent(token -> request.setHeader("Authorization", "Bearer " + token));
        long start = System.nanoTime();
        try {
            return http.execute(request, response -> {
                observeUsage(call, response);
                return classifier.classify(response.getCode(), response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            return classifier.classify(e);
        } finally {
            metrics.latency().record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void observeUsage(GraphRequest call, ClassicHttpResponse response) {
        if (usage != null) {
            usage.observe(call.account(), header(response, "X-App-Usage"),
                    header(response, "X-Business-Use-Case-Usage"));
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing sockets of a stopping service; nothing to do about it
        }
    }
}
