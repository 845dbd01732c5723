package io.igrelay.sandbox.state;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A single-use OAuth authorization code bound to the redirect URI it was issued for (Meta rejects a reuse or a
 * different redirect_uri). For Facebook Login it carries the Pages the user granted in the dialog.
 */
public record AuthCode(String code, Flavour flavour, String subject, String redirectUri, List<String> scopes,
        List<String> grantedPages, long expiresAt, AtomicBoolean used) {

    public boolean claim(long now) {
        return now < expiresAt && used.compareAndSet(false, true);
    }
}
