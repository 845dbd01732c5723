package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.api.MessagingProfiles;
import io.igrelay.ingress.api.MessagingProfiles.Field;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's ice breakers and persistent menu as the channel page shows them, one line per question or item
 * ({@code [default] Where is my order? → ORDER_STATUS}), read from Meta when the page is shown (the hub keeps no copy).
 * What Meta does not answer is said on the page instead; a channel that is not ACTIVE is not asked.
 */
public record MessagingSetupRow(List<String> iceBreakers, List<String> persistentMenu, String problem) {

    static Future<MessagingSetupRow> read(MessagingProfiles profiles, Channel channel) {
        if (channel.getStatus() != ChannelStatus.ACTIVE) {
            return Future.succeededFuture(new MessagingSetupRow(List.of(), List.of(),
                    "Shown once the channel is active."));
        }
        Future<JsonObject> ice = profiles.read(channel, Field.ICE_BREAKERS);
        Future<JsonObject> menu = profiles.read(channel, Field.PERSISTENT_MENU);
        return Future.join(ice, menu).map(v -> new MessagingSetupRow(lines(ice.result(), "questions"),
                        lines(menu.result(), "items"), null))
                .otherwise(e -> new MessagingSetupRow(ice.succeeded() ? lines(ice.result(), "questions") : List.of(),
                        menu.succeeded() ? lines(menu.result(), "items") : List.of(),
                        "Meta did not answer: " + e.getMessage()));
    }

    private static List<String> lines(JsonObject hub, String list) {
        List<String> out = new ArrayList<>();
        JsonArray locales = hub.getJsonArray("locales", new JsonArray());
        for (int i = 0; i < locales.size(); i++) {
            JsonObject locale = locales.getJsonObject(i);
            JsonArray entries = locale.getJsonArray(list, new JsonArray());
            for (int j = 0; j < entries.size(); j++) {
                JsonObject e = entries.getJsonObject(j);
                String label = e.getString("question", e.getString("title", ""));
                String target = e.getString("payload", e.getString("url", ""));
                out.add("[" + locale.getString("locale") + "] " + label + " → " + target);
            }
        }
        return out;
    }
}
