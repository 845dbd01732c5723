package io.igrelay.ingress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.avro.SubscriptionCheckOutcome;
import io.igrelay.ingress.metagraph.SubscribedFields;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel page's "Comments" line, from the configured fields and the watchdog's last check. */
class CommentSubscriptionTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final SubscribedFields WITH_COMMENTS = new SubscribedFields(SubscribedFields.split(
            SubscribedFields.DEFAULT_PAGE), SubscribedFields.split(SubscribedFields.DEFAULT_INSTAGRAM
            + ",comments,live_comments"));

    private static Channel channel(Flavour flavour, SubscriptionCheck check) {
        return Channel.newBuilder().setChannelId("c").setApplicationId("a").setIgUserId("17841400000000001")
                .setUsername("shop").setFlavour(flavour)
                .setToken(new EncryptedValue("k1", ByteBuffer.wrap(new byte[28])))
                .setTokenIssuedAt(AT).setStatus(ChannelStatus.ACTIVE).setConnectedAt(AT).setUpdatedAt(AT)
                .setSubscriptionCheck(check).build();
    }

    private static SubscriptionCheck check(SubscriptionCheckOutcome outcome, List<String> missing) {
        return new SubscriptionCheck(AT, outcome, missing, null);
    }

    @Test
    void shouldSayAnInstagramLoginChannelIsNotSubscribedWhenTheFieldsAreNotConfigured() {
        assertThat(CommentSubscription.describe(channel(Flavour.INSTAGRAM_LOGIN, null), SubscribedFields.defaults()))
                .startsWith("not subscribed");
    }

    @Test
    void shouldSayAnInstagramLoginChannelIsSubscribedWhenTheLastCheckFoundTheFields() {
        assertThat(CommentSubscription.describe(channel(Flavour.INSTAGRAM_LOGIN,
                check(SubscriptionCheckOutcome.OK, List.of())), WITH_COMMENTS))
                .isEqualTo("subscribed (comments, live_comments)");
    }

    @Test
    void shouldSayTheCommentsAreMissingWhenTheWatchdogCouldNotSubscribeThemAgain() {
        assertThat(CommentSubscription.describe(channel(Flavour.INSTAGRAM_LOGIN,
                check(SubscriptionCheckOutcome.FAILED, List.of("comments"))), WITH_COMMENTS))
                .isEqualTo("not subscribed at Meta (comments missing at the last check)");
        assertThat(CommentSubscription.describe(channel(Flavour.INSTAGRAM_LOGIN,
                check(SubscriptionCheckOutcome.REPAIRED, List.of("comments"))), WITH_COMMENTS))
                .contains("subscribed again");
    }

    @Test
    void shouldPointAFacebookLoginChannelToTheAppsInstagramSubscription() {
        assertThat(CommentSubscription.describe(channel(Flavour.FACEBOOK_LOGIN,
                check(SubscriptionCheckOutcome.OK, List.of())), SubscribedFields.defaults()))
                .contains("App Dashboard").endsWith("the Page is subscribed");
    }
}
