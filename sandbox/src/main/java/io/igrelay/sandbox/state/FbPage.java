package io.igrelay.sandbox.state;

import java.util.Optional;

/**
 * A Facebook Page of the Facebook Login flavour; the linked Instagram business account (if any) is what
 * /{page}?fields=instagram_business_account returns. A Page without one is a seeded fixture the hub must refuse.
 */
public record FbPage(String id, String name, Optional<String> instagramAccountId) {
}
