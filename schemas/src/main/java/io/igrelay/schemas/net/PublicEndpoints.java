package io.igrelay.schemas.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one SSRF rule for Application endpoints, used when a webhook is registered (ingress) and at every delivery
 * (dispatcher), so an endpoint accepted at registration is judged the same way at delivery. HTTPS only, and every
 * address the host resolves to must be public: no loopback, private, link-local, CGNAT, benchmarking, documentation,
 * multicast, reserved or unspecified range, in IPv4 or IPv6 (including NAT64 and 6to4 forms that embed IPv4). In
 * dev mode (the local stack) {@code http://localhost} and {@code http://127.0.0.1} are allowed. Callers connect to
 * the very address returned, so a DNS answer that changes between check and connect (rebinding) cannot reach a
 * private range. Whatever the mode, an endpoint that is one of the hub's own ports or its public address is refused
 * ({@link HubEndpoints}). Resolving blocks: call it off the event loop.
 */
public final class PublicEndpoints {

    private final boolean devMode;
    private final HubEndpoints hub;

    /** With the hub's default ports reserved. */
    public PublicEndpoints(boolean devMode) {
        this(devMode, HubEndpoints.defaults());
    }

    public PublicEndpoints(boolean devMode, HubEndpoints hub) {
        this.devMode = devMode;
        this.hub = hub;
    }

    /** Either the address to connect to, or why the endpoint is refused. */
    public record Resolution(Optional<InetAddress> address, String refusal) {

        static Resolution refused(String why) {
            return new Resolution(Optional.empty(), why);
        }
    }

    /** Checks the scheme and resolves the host, checking every address it resolves to. */
    public Resolution resolve(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String host = endpoint.getHost();
        if (host == null) {
            return Resolution.refused("endpoint has no host");
        }
        boolean devLocal = isDevLocal(endpoint);
        if (!scheme.equals("https") && !(scheme.equals("http") && devLocal)) {
            return Resolution.refused("endpoint must use https");
        }
        if (hub.isHub(endpoint)) {
            return Resolution.refused("endpoint is one of the hub's own ports");
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            if (hub.isHub(endpoint, all)) {
                return Resolution.refused("endpoint is one of the hub's own ports");
            }
            for (InetAddress address : all) {
                if (!devLocal && !isPublic(address)) {
                    return Resolution.refused("endpoint resolves to a private or reserved address");
                }
            }
            return new Resolution(Optional.of(all[0]), null);
        } catch (UnknownHostException e) {
            return Resolution.refused("endpoint host does not resolve");
        }
    }

    /** True when the endpoint names one of the hub's own ports or its public address (no DNS lookup). */
    public boolean isHub(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        return hub.isHub(endpoint, literal(host).stream().toArray(InetAddress[]::new));
    }

    /** The address a literal IP host names; none for a host name (no DNS here). */
    private static Optional<InetAddress> literal(String host) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
        if (!ip) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code http://localhost} or {@code http://127.0.0.1} while in dev mode. */
    public boolean isDevLocal(URI endpoint) {
        String host = endpoint.getHost();
        return devMode && host != null && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1"));
    }

    /** True for an address on the public internet (globally routable unicast). */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b, 0) : isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        int third = b[at + 2] & 0xff;
        return first != 0                                             // 0.0.0.0/8 "this network"
                && first != 10 && first != 127                        // private, loopback
                && !(first == 100 && second >= 64 && second < 128)    // 100.64.0.0/10 CGNAT
                && !(first == 169 && second == 254)                   // link-local (cloud metadata)
                && !(first == 172 && second >= 16 && second < 32)     // private
                && !(first == 192 && second == 168)                   // private
                && !(first == 192 && second == 0 && (third == 0 || third == 2)) // IETF protocol, TEST-NET-1
                && !(first == 198 && (second == 18 || second == 19))  // 198.18.0.0/15 benchmarking
                && !(first == 198 && second == 51 && third == 100)    // TEST-NET-2
                && !(first == 203 && second == 0 && third == 113)     // TEST-NET-3
                && first < 224;                                       // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false;                                             // fc00::/7 unique local
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false;                                             // 2001:db8::/32 documentation
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(b, 2);                                  // 2002::/16 6to4 embeds an IPv4 address
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isPublicV4(b, 12);                                 // 64:ff9b::/96 NAT64 embeds one too
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix) {
            return false;                                             // ::/80: unspecified, loopback, IPv4-compatible
        }
        return first < 0xff;
    }
}
