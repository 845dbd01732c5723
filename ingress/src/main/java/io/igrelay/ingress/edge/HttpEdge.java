package io.igrelay.ingress.edge;

import io.igrelay.ingress.config.EdgeLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The guard in front of one HTTP server: it refuses connections past the limit (closed at once, counted), answers
 * 431 to a request with too many header lines, and closes a connection whose request has not fully arrived within
 * the read timeout (a client trickling bytes defeats the idle timeout, not this). The idle timeout, header size and
 * line length limits are the server's own options, set by {@link #options}. One sweep a second looks at the open
 * connections only, so its cost is bounded by the connection limit.
 */
public final class HttpEdge implements AutoCloseable {

    static final int MAX_INITIAL_LINE = 8 * 1024;

    /** One open connection: when it opened and its latest request, if any. */
    private static final class Tracked {
        private final long openedNanos = System.nanoTime();
        private volatile HttpServerRequest request;
        private volatile long requestNanos;
    }

    private final Vertx vertx;
    private final int maxConnections;
    private final long readTimeoutNanos;
    private final int maxHeaders;
    private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Counter readTimeouts;
    private final Counter tooManyHeaders;
    private final long sweepTimer;

    public HttpEdge(Vertx vertx, String server, int maxConnections, EdgeLimits limits, MeterRegistry metrics) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
        this.readTimeoutNanos = limits.requestReadTimeout().toNanos();
        this.maxHeaders = limits.maxHeaders();
        Gauge.builder("igrelay_http_connections_open", open, Map::size).tag("server", server)
                .description("HTTP connections open on this server").register(metrics);
        Gauge.builder("igrelay_http_connections_max", () -> maxConnections).tag("server", server)
                .description("The connection limit of this server (INGRESS_*MAX_CONNECTIONS)").register(metrics);
        this.refused = cut(metrics, server, "connection_limit");
        this.readTimeouts = cut(metrics, server, "read_timeout");
        this.tooManyHeaders = cut(metrics, server, "too_many_headers");
        this.sweepTimer = vertx.setPeriodic(1000, id -> sweep());
    }

    private static Counter cut(MeterRegistry metrics, String server, String reason) {
        return Counter.builder("igrelay_http_connections_cut").tag("server", server).tag("reason", reason)
                .description("Connections the server closed to protect itself, by reason").register(metrics);
    }

    /** The server options behind the limits: idle timeout, header block and request line sizes, no uploads. */
    public static HttpServerOptions options(HttpServerOptions base, EdgeLimits limits) {
        return base.setIdleTimeout((int) Math.max(1, limits.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxInitialLineLength(MAX_INITIAL_LINE);
    }

    /** Counts the server's connections and closes the ones past the limit. */
    public HttpServer attach(HttpServer server) {
        return server.connectionHandler(this::connected);
    }

    private void connected(HttpConnection connection) {
        if (open.size() >= maxConnections) {
            refused.increment();
            connection.close();
            return;
        }
        open.put(connection, new Tracked());
        connection.closeHandler(v -> open.remove(connection));
    }

    /** Wraps the server's request handler: header count check, then the read-timeout bookkeeping. */
    public Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
        return request -> {
            if (request.headers().size() > maxHeaders) {
                tooManyHeaders.increment();
                request.response().setStatusCode(431).putHeader("connection", "close")
                        .end("more than " + maxHeaders + " header lines")
                        .onComplete(done -> request.connection().close());
                return;
            }
            Tracked tracked = open.get(request.connection());
            if (tracked != null) {
                tracked.requestNanos = System.nanoTime();
                tracked.request = request;
            }
            next.handle(request);
        };
    }

    /** Closes connections whose request is overdue, or that opened and never sent a whole request header. */
    void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, tracked) -> {
            HttpServerRequest request = tracked.request;
            boolean overdue = request == null
                    ? now - tracked.openedNanos > readTimeoutNanos
                    : !request.isEnded() && now - tracked.requestNanos > readTimeoutNanos;
            if (overdue) {
                readTimeouts.increment();
                open.remove(connection);
                connection.close();
            }
        });
    }

    public int openConnections() {
        return open.size();
    }

    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweepTimer);
    }
}
