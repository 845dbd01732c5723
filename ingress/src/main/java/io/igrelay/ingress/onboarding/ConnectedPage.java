package io.igrelay.ingress.onboarding;

import io.igrelay.ingress.dashboard.DashboardRoutes;
import io.igrelay.ingress.dashboard.Pages;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The end of a successful flow: the channel's detail page once the processor's fold shows it, otherwise a page with
 * the UUID that says the registry is still catching up (the fold may be slow; the event is already on Kafka).
 */
final class ConnectedPage {

    private ConnectedPage() {
    }

    static void show(RoutingContext ctx, Pages pages, ChannelConnector.Outcome outcome) {
        if (outcome.visible()) {
            DashboardRoutes.redirect(ctx, "/dashboard/channels/" + outcome.channelId());
        } else {
            pages.render(ctx, 202, "pending", Map.of("channelId", outcome.channelId()));
        }
    }
}
