package io.igrelay.schemas.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's side as the ingress and the dispatcher see it (contract §3): the two apps (Facebook Login and
 * Instagram Login), the Graph API version and the base URLs of Meta's hosts, which the local stack points at the
 * sandbox. At least one complete app (id and secret) is required. The default Graph version is the newest one Meta
 * documents: https://developers.facebook.com/documentation/development/graph-api/changelog lists a version of
 * November 4, 2026 after v26.0, and the reference pages show v27.0 paths; the paths the hub calls were re-checked
 * against the reference (docs/decisions.md, "Working against Meta's platform").
 */
public record MetaSettings(
        Optional<String> metaAppId,
        Optional<Secret> metaAppSecret,
        Optional<String> instagramAppId,
        Optional<Secret> instagramAppSecret,
        String graphApiVersion,
        URI graphFacebookUrl,
        URI graphInstagramUrl,
        URI instagramApiUrl,
        String facebookDialogUrl,
        String instagramAuthorizeUrl) {

    public static final Set<String> VARIABLES = Set.of(
            "META_APP_ID", "META_APP_SECRET", "INSTAGRAM_APP_ID", "INSTAGRAM_APP_SECRET", "GRAPH_API_VERSION",
            "GRAPH_FACEBOOK_URL", "GRAPH_INSTAGRAM_URL", "INSTAGRAM_API_URL", "FACEBOOK_DIALOG_URL",
            "INSTAGRAM_AUTHORIZE_URL");

    public static final String DEFAULT_GRAPH_API_VERSION = "v27.0";

    public static MetaSettings read(EnvReader env) {
        Optional<String> metaId = env.optional("META_APP_ID");
        Optional<Secret> metaSecret = env.optional("META_APP_SECRET").map(Secret::new);
        Optional<String> igId = env.optional("INSTAGRAM_APP_ID");
        Optional<Secret> igSecret = env.optional("INSTAGRAM_APP_SECRET").map(Secret::new);
        if (metaId.isPresent() != metaSecret.isPresent()) {
            env.problem("META_APP_ID and META_APP_SECRET must be set together");
        }
        if (igId.isPresent() != igSecret.isPresent()) {
            env.problem("INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET must be set together");
        }
        if (metaSecret.isEmpty() && igSecret.isEmpty()) {
            env.problem("set META_APP_ID/META_APP_SECRET or INSTAGRAM_APP_ID/INSTAGRAM_APP_SECRET (or both)");
        }
        String version = env.string("GRAPH_API_VERSION", DEFAULT_GRAPH_API_VERSION);
        if (!version.matches("v\\d+\\.\\d+")) {
            env.problem("GRAPH_API_VERSION must look like v23.0, was '" + version + "'");
        }
        return new MetaSettings(metaId, metaSecret, igId, igSecret, version,
                env.url("GRAPH_FACEBOOK_URL", "https://graph.facebook.com"),
                env.url("GRAPH_INSTAGRAM_URL", "https://graph.instagram.com"),
                env.url("INSTAGRAM_API_URL", "https://api.instagram.com"),
                env.string("FACEBOOK_DIALOG_URL", "https://www.facebook.com/{version}/dialog/oauth")
                        .replace("{version}", version),
                env.string("INSTAGRAM_AUTHORIZE_URL", "https://www.instagram.com/oauth/authorize"));
    }
}
