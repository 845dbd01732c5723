package io.igrelay.sandbox.state;

import java.util.List;

/**
 * A Facebook user who manages Pages; its app-scoped id is what the Facebook-flavour deletion and deauthorize
 * callbacks name.
 */
public record FbUser(String appScopedId, String name, List<String> pageIds) {
}
