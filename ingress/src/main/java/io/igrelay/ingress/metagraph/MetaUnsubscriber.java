package io.igrelay.ingress.metagraph;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disconnect's message to Meta: remove this app's webhook subscription of the Instagram account (Instagram Login,
 * {@code DELETE /me/subscribed_apps}) or of its Page (Facebook Login, {@code DELETE /{page-id}/subscribed_apps}), so
 * Meta stops sending conversations the hub would only drop. Best effort: the disconnect stands whatever Meta says,
 * and a failure is logged with the channel id (never the token).
 */
public final class MetaUnsubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(MetaUnsubscriber.class);

    private final InstagramLoginClient instagram;
    private final FacebookLoginClient facebook;
    private final TokenCipher cipher;

    public MetaUnsubscriber(InstagramLoginClient instagram, FacebookLoginClient facebook, TokenCipher cipher) {
        this.instagram = instagram;
        this.facebook = facebook;
        this.cipher = cipher;
    }

    /** True once Meta confirmed; false when there was no token, no app configured, or Meta refused. */
    public Future<Boolean> unsubscribe(Channel channel) {
        if (channel.getToken() == null) {
            return Future.succeededFuture(false);
        }
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (RuntimeException e) {
            LOG.warn("channel {}: its token cannot be decrypted ({}); Meta's subscription stays", channel
                    .getChannelId(), e.getMessage());
            return Future.succeededFuture(false);
        }
        boolean viaPage = channel.getFlavour() == Flavour.FACEBOOK_LOGIN && channel.getPageId() != null;
        if (viaPage ? !facebook.configured() : !instagram.configured()) {
            return Future.succeededFuture(false);
        }
        Future<Void> call = viaPage ? facebook.unsubscribePage(channel.getPageId(), token)
                : instagram.unsubscribe(token);
        return call.map(true).otherwise(e -> {
            LOG.warn("channel {}: Meta did not remove the webhook subscription: {}", channel.getChannelId(),
                    e.getMessage());
            return false;
        });
    }
}
