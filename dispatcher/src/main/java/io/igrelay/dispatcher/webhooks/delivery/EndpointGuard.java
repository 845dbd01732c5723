package io.igrelay.dispatcher.webhooks.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/*
 * SSRF guard for customer endpoints (issue 8, point 1): HTTPS only, and the host must resolve to a public address
 * (no loopback, private, link-local, CGNAT, multicast or unspecified ranges). In dev mode http://localhost and
 * http://127.0.0.1 are allowed for the local stack. The delivery connects to the very address checked here, so a
 * DNS answer that changes between check and connect (rebinding) cannot reach a private range.
 */
public final class EndpointGuard {

    private final boolean devMode;

    public EndpointGuard(boolean devMode) {
        this.devMode = devMode;
    }

    /** Either the address to connect to, or why the endpoint is refused. */
    public record Resolution(Optional<InetAddress> address, String refusal) {
    }

    public Resolution resolve(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String host = endpoint.getHost();
        if (host == null) {
            return refused("endpoint has no host");
        }
        boolean devLocal = devMode && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1"));
        if (!scheme.equals("https") && !(scheme.equals("http") && devLocal)) {
            return refused("endpoint must use https");
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress address : all) {
                if (!devLocal && !isPublic(address)) {
                    return refused("endpoint resolves to a private or reserved address");
                }
            }
            return new Resolution(Optional.of(all[0]), null);
        } catch (UnknownHostException e) {
            return refused("endpoint host does not resolve");
        }
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // CGNAT 100.64/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 224;
        }
        int first = b[0] & 0xff;
        return (first & 0xfe) != 0xfc; // IPv6 unique-local fc00::/7
    }

    private static Resolution refused(String why) {
        return new Resolution(Optional.empty(), why);
    }
}
