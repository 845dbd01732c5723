package io.igrelay.ingress.meta;

import io.igrelay.avro.SigningApp;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.Hmac;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Meta app whose secret may sign what Meta sends us (webhooks, signed_request callbacks). Meta signs with the
 * Facebook-Login app secret or the Instagram-Login app secret, and which one is an open item, so both are tried.
 */
public record AppSecret(SigningApp app, String appId, Secret secret) {

    /** The configured apps, Meta app first; MetaSettings guarantees at least one. */
    public static List<AppSecret> from(MetaSettings meta) {
        List<AppSecret> apps = new ArrayList<>();
        meta.metaAppSecret().ifPresent(s -> apps.add(
                new AppSecret(SigningApp.META_APP, meta.metaAppId().orElse(""), s)));
        meta.instagramAppSecret().ifPresent(s -> apps.add(
                new AppSecret(SigningApp.INSTAGRAM_APP, meta.instagramAppId().orElse(""), s)));
        return List.copyOf(apps);
    }

    /** The first of {@code apps} whose HMAC-SHA256 of {@code data} equals {@code presented}, in constant time. */
    static Optional<AppSecret> firstMatching(List<AppSecret> apps, byte[] data, byte[] presented) {
        AppSecret match = null;
        for (AppSecret app : apps) {
            // every secret is tried, so the time taken does not tell which one matched
            if (Hmac.matches(app.secret(), data, presented) && match == null) {
                match = app;
            }
        }
        return Optional.ofNullable(match);
    }
}
