package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for ig.channel.events plus the processor's fold in unit tests: records every event and applies the
 * processor's rules (sole writer; reconnect keeps the UUID; disconnect destroys the token) to the registry view.
 */
public final class FoldingPublisher implements ChannelEventPublisher {

    private final ChannelRegistryView registry;
    private final List<ChannelEvent> events = new CopyOnWriteArrayList<>();

    public FoldingPublisher(ChannelRegistryView registry) {
        this.registry = registry;
    }

    public List<ChannelEvent> events() {
        return events;
    }

    @Override
    public Future<Void> publish(ChannelEvent event) {
        events.add(event);
        Channel current = registry.byId(event.getChannelId()).orElse(null);
        Channel next = switch (event.getType()) {
            case CONNECTED, RECONNECTED -> (current == null
                    ? Channel.newBuilder().setConnectedAt(event.getAt()) : Channel.newBuilder(current))
                    .setChannelId(event.getChannelId()).setApplicationId(event.getApplicationId())
                    .setIgUserId(event.getIgUserId()).setAppScopedUserId(event.getAppScopedUserId())
                    .setAppId(event.getAppId()).setUsername(event.getUsername()).setPageId(event.getPageId())
                    .setFlavour(event.getFlavour()).setToken(event.getToken())
                    .setTokenIssuedAt(event.getTokenIssuedAt()).setTokenExpiresAt(event.getTokenExpiresAt())
                    .setStatus(ChannelStatus.ACTIVE).setStatusReason(null).setUpdatedAt(event.getAt()).build();
            case TOKEN_REFRESHED -> Channel.newBuilder(current).setToken(event.getToken())
                    .setTokenIssuedAt(event.getTokenIssuedAt()).setTokenExpiresAt(event.getTokenExpiresAt())
                    .setUpdatedAt(event.getAt()).build();
            case TOKEN_INVALID -> Channel.newBuilder(current).setStatus(ChannelStatus.REAUTH_REQUIRED)
                    .setStatusReason(event.getReason()).setUpdatedAt(event.getAt()).build();
            case DISCONNECTED -> Channel.newBuilder(current).setToken(null).setStatus(ChannelStatus.DISCONNECTED)
                    .setStatusReason(event.getReason()).setUpdatedAt(event.getAt()).build();
            case DELETED -> null;
            case SUBSCRIPTION_CHECKED -> current == null ? null : Channel.newBuilder(current)
                    .setSubscriptionCheck(event.getSubscriptionCheck()).build();
        };
        registry.apply(event.getChannelId(), next);
        return Future.succeededFuture();
    }
}
