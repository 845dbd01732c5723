package io.igrelay.ingress.meta;

import io.igrelay.schemas.contract.Hmac;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>} against the raw request bytes (contract §5.1). The MAC is computed
 * over the bytes exactly as received, never over re-serialised JSON: Meta signs its escaped-unicode rendering, so
 * any re-encoding would reject genuine deliveries (see the counter-examples in signature-example.json).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private final List<AppSecret> apps;

    public WebhookSignature(List<AppSecret> apps) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("at least one app secret is needed");
        }
        this.apps = List.copyOf(apps);
    }

    /** The app whose secret signed {@code body}, or empty when the header is absent, malformed or wrong. */
    public Optional<AppSecret> verify(String header, byte[] body) {
        Optional<byte[]> presented = parse(header);
        return presented.flatMap(mac -> AppSecret.firstMatching(apps, body, mac));
    }

    /** The MAC bytes of a well-formed header ({@code sha256=} and 64 hex digits), else empty. */
    static Optional<byte[]> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || value.length() != PREFIX.length() + HEX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(value.substring(PREFIX.length())));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    /** The header value Meta would send for {@code body} (tests, the bench and the sandbox sign this way). */
    public static String headerFor(io.igrelay.schemas.config.Secret secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(Hmac.sha256(secret, body));
    }
}
