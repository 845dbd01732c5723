package io.igrelay.ingress.edge;

import io.igrelay.ingress.config.EdgeLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/*
 * The ingress's two HTTP servers, each behind its own HttpEdge: the public port (Meta webhooks, hub API, dashboard)
 * and the management port (health, metrics, admin) on the management host. Both speak plain HTTP/1.1 under the edge
 * limits; a port that cannot be bound fails the start with its number.
 */
public final class IngressPorts {

    /** Where and how the two servers listen. */
    public record Ports(int publicPort, int managementPort, EdgeLimits limits) {
    }

    private final HttpServer publicServer;
    private final HttpServer managementServer;

    private IngressPorts(HttpServer publicServer, HttpServer managementServer) {
        this.publicServer = publicServer;
        this.managementServer = managementServer;
    }

    /** Binds both ports and returns once they listen. */
    public static IngressPorts listen(Vertx vertx, Ports ports, Handler<HttpServerRequest> publicHandler,
            Handler<HttpServerRequest> managementHandler, MeterRegistry metrics) {
        EdgeLimits limits = ports.limits();
        HttpEdge publicEdge = new HttpEdge(vertx, "public", limits.maxConnections(), limits, metrics);
        HttpEdge managementEdge = new HttpEdge(vertx, "management", limits.managementMaxConnections(), limits,
                metrics);
        HttpServer publicServer = listen(publicEdge.attach(vertx.createHttpServer(publicServerOptions(limits)))
                .requestHandler(publicEdge.guard(publicHandler)).listen(ports.publicPort()), ports.publicPort());
        // HTTP/1.1 only, as on the public port: an h2c upgrade from a client (the JDK's asks for one) garbled a large
        // /metrics answer
        HttpServer managementServer = listen(managementEdge.attach(vertx.createHttpServer(HttpEdge.options(
                        new HttpServerOptions().setHttp2ClearTextEnabled(false), limits)))
                .requestHandler(managementEdge.guard(managementHandler))
                .listen(ports.managementPort(), limits.managementHost()), ports.managementPort());
        return new IngressPorts(publicServer, managementServer);
    }

    /**
     * Plain HTTP/1.1, without the WebSocket-compression and cleartext-HTTP/2 detection stages in every
     * connection's pipeline: nothing on the public port is a WebSocket or needs h2c (clients asking for an h2c
     * upgrade are answered in HTTP/1.1), and Meta's deliveries would pass through those stages on every request.
     * The edge limits (idle timeout, header sizes) apply as on the management port.
     */
    static HttpServerOptions publicServerOptions(EdgeLimits limits) {
        return HttpEdge.options(new HttpServerOptions(), limits)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false);
    }

    public int publicPort() {
        return publicServer.actualPort();
    }

    public int managementPort() {
        return managementServer.actualPort();
    }

    private static HttpServer listen(Future<HttpServer> listening, int port) {
        try {
            return listening.await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }
}
