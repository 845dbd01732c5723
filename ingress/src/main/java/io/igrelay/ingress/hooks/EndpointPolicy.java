package io.igrelay.ingress.hooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/*
 * SSRF rule for Application endpoints (issue 8, point 1), checked when a webhook is registered and again at every
 * connection (the caller connects to the address returned here, so DNS rebinding cannot slip a private address in):
 * HTTPS only, and no loopback, private, link-local, CGNAT, multicast or unspecified address; http://localhost and
 * http://127.0.0.1 only in dev mode. (The dispatcher has its own copy: services share no code but schemas.)
 */
public final class EndpointPolicy {

    private final boolean devMode;

    public EndpointPolicy(boolean devMode) {
        this.devMode = devMode;
    }

    /** Syntax and scheme only (no DNS), for request validation. */
    public URI parse(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (Exception e) {
            throw HookError.invalid("endpoint is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw HookError.invalid("endpoint must be an absolute https URL");
        }
        if (scheme.equals("http") && !devLocal(uri)) {
            throw HookError.invalid("endpoint must use https");
        }
        if (uri.getUserInfo() != null) {
            throw HookError.invalid("endpoint must not carry credentials");
        }
        return uri;
    }

    /** Resolves and checks every address (blocking: call off the event loop). */
    public Optional<InetAddress> resolve(URI endpoint) {
        try {
            InetAddress[] all = InetAddress.getAllByName(endpoint.getHost());
            boolean devLocal = devLocal(endpoint);
            for (InetAddress address : all) {
                if (!devLocal && !isPublic(address)) {
                    return Optional.empty();
                }
            }
            return Optional.of(all[0]);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private boolean devLocal(URI uri) {
        return devMode && (uri.getHost().equalsIgnoreCase("localhost") || uri.getHost().equals("127.0.0.1"));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 224;
        }
        return ((b[0] & 0xff) & 0xfe) != 0xfc;
    }
}
