package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.avro.SubscriptionCheckOutcome;
import io.igrelay.ingress.metagraph.SubscribedFields;
import java.util.List;

/**
 * Whether a channel receives its media's comments (contract §5.3; the fields {@code comments} and
 * {@code live_comments}, https://developers.facebook.com/docs/instagram-platform/webhooks): an Instagram Login account
 * is subscribed to the fields of ONBOARDING_SUBSCRIBED_FIELDS, as the watchdog's last check confirmed; a Facebook
 * Login account gets them through the app's own Instagram webhook subscription (App Dashboard) once its Page is
 * subscribed to the app, since Page fields carry no Instagram comments
 * (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps).
 */
public final class CommentSubscription {

    static final List<String> COMMENT_FIELDS = List.of("comments", "live_comments");

    private CommentSubscription() {
    }

    /** One line for the channel page, e.g. "subscribed (comments, live_comments)". */
    public static String describe(Channel channel, SubscribedFields configured) {
        SubscriptionCheck check = channel.getSubscriptionCheck();
        if (channel.getFlavour() == Flavour.FACEBOOK_LOGIN) {
            String page = check == null ? "the Page's subscription is not checked yet"
                    : check.getOutcome() == SubscriptionCheckOutcome.FAILED
                    ? "the Page's subscription could not be confirmed" : "the Page is subscribed";
            return "through the app's Instagram webhook subscription (comments, live_comments in the App Dashboard); "
                    + page;
        }
        List<String> fields = COMMENT_FIELDS.stream().filter(configured.instagram()::contains).toList();
        if (fields.isEmpty()) {
            return "not subscribed (add comments, live_comments to ONBOARDING_SUBSCRIBED_FIELDS)";
        }
        String line = "subscribed (" + String.join(", ", fields) + ")";
        if (check == null) {
            return line + ", not checked yet";
        }
        List<String> missing = fields.stream().filter(check.getMissingFields()::contains).toList();
        if (missing.isEmpty()) {
            return line;
        }
        return check.getOutcome() == SubscriptionCheckOutcome.REPAIRED
                ? line + ", subscribed again after Meta dropped " + String.join(", ", missing)
                : "not subscribed at Meta (" + String.join(", ", missing) + " missing at the last check)";
    }
}
