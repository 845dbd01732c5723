package io.igrelay.dispatcher.state;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Flavour;
import java.nio.ByteBuffer;
import java.time.Instant;

/*
 * The channel histories of the tenant-safety tests, applied to a ChannelView exactly as ig.channels would carry
 * them: channels A (Application app-a) and B (app-b) on the same Instagram account.
 */
public final class TenantSequences {

    public static final String ACCOUNT = "17841400000000001";
    public static final String A = "channel-a";
    public static final String B = "channel-b";
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TenantSequences() {
    }

    public static Channel channel(String id, String app, ChannelStatus status, Instant connectedAt, Instant at) {
        return Channel.newBuilder().setChannelId(id).setApplicationId(app).setIgUserId(ACCOUNT)
                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setToken(status == ChannelStatus.DISCONNECTED ? null
                        : new EncryptedValue("k1", ByteBuffer.wrap(new byte[] {1})))
                .setStatus(status).setConnectedAt(connectedAt).setUpdatedAt(at).build();
    }

    /** Connect A, disconnect A, connect B on the same account. */
    public static ChannelView connectADisconnectAConnectB() {
        ChannelView view = new ChannelView("ig.channels");
        view.apply(A, channel(A, "app-a", ChannelStatus.ACTIVE, T0, T0));
        view.apply(A, channel(A, "app-a", ChannelStatus.DISCONNECTED, T0, T0.plusSeconds(60)));
        view.apply(B, channel(B, "app-b", ChannelStatus.ACTIVE, T0.plusSeconds(120), T0.plusSeconds(120)));
        return view;
    }

    /** Connect A, disconnect A: the account has only a DISCONNECTED channel. */
    public static ChannelView onlyDisconnectedA() {
        ChannelView view = new ChannelView("ig.channels");
        view.apply(A, channel(A, "app-a", ChannelStatus.ACTIVE, T0, T0));
        view.apply(A, channel(A, "app-a", ChannelStatus.DISCONNECTED, T0, T0.plusSeconds(60)));
        return view;
    }
}
