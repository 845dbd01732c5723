package io.igrelay.schemas.net;

import io.igrelay.schemas.config.EnvReader;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's own HTTP ports and public address, which an Application endpoint must never name: a webhook pointed at
 * them would make the hub call itself (its admin API, its management port) with a tenant's request and hand the
 * answer back. An endpoint is the hub's when its port is one of the hub's ports on an address of this machine
 * (loopback, unspecified or a local interface), or when it is the hub's public host and port. This holds in dev
 * mode too, where {@code http://localhost} endpoints are otherwise allowed.
 */
public record HubEndpoints(Set<Integer> localPorts, Optional<String> publicAuthority) {

    public static final Set<String> VARIABLES = Set.of("INGRESS_PORT", "INGRESS_MANAGEMENT_PORT", "PROCESSOR_PORT",
            "DISPATCHER_PORT", "PUBLIC_BASE_URL");

    /** The default ports of the ingress (8080, 8083), the processor (8081) and the dispatcher (8082). */
    public static HubEndpoints defaults() {
        return new HubEndpoints(Set.of(8080, 8081, 8082, 8083), Optional.empty());
    }

    /**
     * Reads the ports every service of a local stack is given (a service's own config reports malformed values;
     * here they are skipped); the defaults stay reserved too.
     */
    public static HubEndpoints read(EnvReader env) {
        Set<Integer> ports = new HashSet<>(defaults().localPorts());
        for (String name : Set.of("INGRESS_PORT", "INGRESS_MANAGEMENT_PORT", "PROCESSOR_PORT", "DISPATCHER_PORT")) {
            env.optional(name).ifPresent(value -> {
                try {
                    ports.add(Integer.parseInt(value));
                } catch (NumberFormatException skipped) {
                    // reported by the service that owns the variable
                }
            });
        }
        Optional<String> authority = env.optional("PUBLIC_BASE_URL").flatMap(HubEndpoints::authority);
        return new HubEndpoints(Set.copyOf(ports), authority);
    }

    /** These endpoints plus more local ports (a service's own, as configured). */
    public HubEndpoints withPorts(int... ports) {
        Set<Integer> all = new HashSet<>(localPorts);
        for (int port : ports) {
            if (port > 0) {
                all.add(port);
            }
        }
        return new HubEndpoints(Set.copyOf(all), publicAuthority);
    }

    /** These endpoints with the hub's public address (PUBLIC_BASE_URL). */
    public HubEndpoints withPublicBaseUrl(URI publicBaseUrl) {
        return new HubEndpoints(localPorts, authority(publicBaseUrl.toString()));
    }

    /** True when {@code endpoint}, reached at {@code addresses}, is one of the hub's own ports or its public address. */
    public boolean isHub(URI endpoint, InetAddress... addresses) {
        int port = port(endpoint);
        if (publicAuthority.isPresent() && authority(endpoint.toString()).equals(publicAuthority)) {
            return true;
        }
        if (!localPorts.contains(port)) {
            return false;
        }
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        for (InetAddress address : addresses) {
            if (isThisMachine(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static Optional<String> authority(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? Optional.empty()
                    : Optional.of(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
