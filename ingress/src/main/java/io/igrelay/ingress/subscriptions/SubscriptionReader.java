package io.igrelay.ingress.subscriptions;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.metagraph.FacebookLoginClient;
import io.igrelay.ingress.metagraph.InstagramLoginClient;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.vertx.core.Future;
import java.util.List;

/**
 * Meta's side of one channel's webhook subscription, in the channel's namespace: a Facebook Login channel is read and
 * subscribed through its Page ({@code /{page-id}/subscribed_apps} with the Page fields), an Instagram Login channel
 * through its account ({@code /me/subscribed_apps} with the Instagram fields). The decrypted token is passed in and
 * never kept.
 */
public final class SubscriptionReader {

    private final InstagramLoginClient instagram;
    private final FacebookLoginClient facebook;
    private final SubscribedFields fields;

    public SubscriptionReader(InstagramLoginClient instagram, FacebookLoginClient facebook, SubscribedFields fields) {
        this.instagram = instagram;
        this.facebook = facebook;
        this.fields = fields;
    }

    static boolean viaPage(Channel channel) {
        return channel.getFlavour() == Flavour.FACEBOOK_LOGIN && channel.getPageId() != null;
    }

    /** Whether this hub has the app the channel's flavour needs (else the channel cannot be checked). */
    boolean canCheck(Channel channel) {
        return viaPage(channel) ? facebook.configured() : instagram.configured();
    }

    /** The configured fields Meta does not list for this app. */
    Future<List<String>> missing(Channel channel, String token) {
        boolean page = viaPage(channel);
        Future<List<String>> present = page ? facebook.subscribedFields(channel.getPageId(), token)
                : instagram.subscribedFields(token);
        return present.map(subscribed -> fields.missing(page, subscribed));
    }

    /** Subscribes the configured list again (Meta replaces the app's field list with it). */
    Future<Void> resubscribe(Channel channel, String token) {
        return viaPage(channel) ? facebook.subscribePage(channel.getPageId(), token, fields.pageParam())
                : instagram.subscribe(token, fields.instagramParam());
    }
}
