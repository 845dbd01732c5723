package io.igrelay.schemas.contract;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which channel holds an Instagram account now (docs/contract.md §6.1, tenant safety): among the account's channels
 * that are not DISCONNECTED, an ACTIVE one first, then the latest connection, then the latest change, then the id (so
 * the winner never depends on the order the records were applied in). A DISCONNECTED channel never holds an account:
 * inbound content for it is withheld, nothing is routed or sent through it. The processor's account index, the
 * dispatcher's channel view and the ingress's onboarding check all use this one rule.
 */
public final class AccountHolder {

    /** ACTIVE first, then the latest connection, then the latest change, then the id. */
    public static final Comparator<Channel> RANK = Comparator.comparing(AccountHolder::active)
            .thenComparing(Channel::getConnectedAt)
            .thenComparing(Channel::getUpdatedAt)
            .thenComparing(Channel::getChannelId);

    private AccountHolder() {
    }

    public static boolean active(Channel channel) {
        return channel != null && channel.getStatus() == ChannelStatus.ACTIVE;
    }

    /** ACTIVE, or REAUTH_REQUIRED (connected, waiting for a new token); a DISCONNECTED channel holds nothing. */
    public static boolean holds(Channel channel) {
        return channel != null && channel.getStatus() != ChannelStatus.DISCONNECTED;
    }

    /** The holder among these channels of {@code igUserId} (others are ignored), if any. */
    public static Optional<Channel> among(String igUserId, Collection<Channel> channels) {
        return channels.stream().filter(c -> igUserId.equals(c.getIgUserId())).filter(AccountHolder::holds)
                .max(RANK);
    }
}
