package io.igrelay.schemas.contract;

import io.igrelay.schemas.config.Secret;

/**
 * Graph's appsecret_proof, sent with every Facebook Login call (onboarding and the Send API): the lowercase hex
 * HMAC-SHA256 of the access token keyed with the Meta app secret, so a leaked token is useless without the app secret
 * (https://developers.facebook.com/docs/graph-api/securing-requests/).
 */
public final class AppSecretProof {

    private AppSecretProof() {
    }

    public static String of(Secret appSecret, String accessToken) {
        return Hmac.hex(appSecret.bytes(), accessToken);
    }
}
