package io.igrelay.ingress.appwebhooks;

import io.igrelay.schemas.net.HubEndpoints;
import io.igrelay.schemas.net.PublicEndpoints;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The registration side of the SSRF rule: {@link #parse} checks the URL's syntax and scheme for a
 * clear 400 at registration; {@link #resolve} applies the shared {@link PublicEndpoints} rule (the dispatcher applies
 * the same at every delivery), and the caller connects to the address returned, so DNS rebinding cannot slip a
 * private address in.
 */
public final class EndpointPolicy {

    private final PublicEndpoints rule;

    public EndpointPolicy(boolean devMode) {
        this(devMode, HubEndpoints.defaults());
    }

    public EndpointPolicy(boolean devMode, HubEndpoints hub) {
        this.rule = new PublicEndpoints(devMode, hub);
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
        if (scheme.equals("http") && !rule.isDevLocal(uri)) {
            throw HookError.invalid("endpoint must use https");
        }
        if (rule.isHub(uri)) {
            throw HookError.invalid("endpoint must not be one of the hub's own ports or its public address");
        }
        if (uri.getUserInfo() != null) {
            throw HookError.invalid("endpoint must not carry credentials");
        }
        return uri;
    }

    /** Resolves and checks every address (blocking: call off the event loop); empty when refused. */
    public Optional<InetAddress> resolve(URI endpoint) {
        return rule.resolve(endpoint).address();
    }
}
