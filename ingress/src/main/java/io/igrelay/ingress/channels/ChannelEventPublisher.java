package io.igrelay.ingress.channels;

import io.igrelay.avro.ChannelEvent;
import io.vertx.core.Future;

/**
 * Where onboarding, the dashboard and the refresher report what happened to a channel: ig.channel.events, which the
 * processor folds into ig.channels (its sole writer, contract §4). The future completes once the broker acknowledged.
 */
@FunctionalInterface
public interface ChannelEventPublisher {

    Future<Void> publish(ChannelEvent event);
}
