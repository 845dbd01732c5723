package io.igrelay.sandbox.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the redirect back to the app after a login dialog: query parameters appended to redirect_uri (which may
 * already carry a query) and Meta's fragment ({@code #_} for Instagram, {@code #_=_} for Facebook).
 */
final class Redirects {
    private Redirects() {
    }

    static String build(String redirectUri, Map<String, String> params, String fragment) {
        StringBuilder sb = new StringBuilder(redirectUri);
        char sep = redirectUri.contains("?") ? '&' : '?';
        for (var e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return fragment == null ? sb.toString() : sb.append(fragment).toString();
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
