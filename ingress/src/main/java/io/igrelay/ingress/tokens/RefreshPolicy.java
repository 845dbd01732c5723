package io.igrelay.ingress.tokens;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import java.time.Duration;
import java.time.Instant;

/**
 * Which channels' tokens need attention now: Instagram Login long-lived tokens are renewable once
 * they are at least 24 h old and until they expire, so an active one is renewed when it is that old and within the
 * margin of its expiry; one already expired can only be re-authorised. Facebook Page tokens do not expire.
 */
public record RefreshPolicy(Duration margin) {

    static final Duration MIN_AGE = Duration.ofHours(24);

    public enum Action { NONE, REFRESH, EXPIRED }

    public Action decide(Channel channel, Instant now) {
        if (channel.getFlavour() != Flavour.INSTAGRAM_LOGIN || channel.getStatus() != ChannelStatus.ACTIVE
                || channel.getToken() == null || channel.getTokenExpiresAt() == null) {
            return Action.NONE;
        }
        Instant expiresAt = channel.getTokenExpiresAt();
        if (!now.isBefore(expiresAt)) {
            return Action.EXPIRED;
        }
        Instant issuedAt = channel.getTokenIssuedAt();
        boolean oldEnough = issuedAt == null || !now.isBefore(issuedAt.plus(MIN_AGE));
        boolean withinMargin = !now.isBefore(expiresAt.minus(margin));
        return oldEnough && withinMargin ? Action.REFRESH : Action.NONE;
    }
}
