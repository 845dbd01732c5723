package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A channel's ice breakers and persistent menu, kept by Meta in the account's Messenger Profile
 * ({@code messenger_profile} with {@code ice_breakers} / {@code persistent_menu}; {@code platform=instagram} on the
 * Facebook Login host, added by {@link ChannelGraph}). Maps the hub's shape ({@code locales[]} of {@code questions} or
 * {@code items}) to Meta's ({@code call_to_actions} per locale) and back; Meta holds the truth, the hub keeps no copy.
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/ice-breakers,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/ice-breakers,
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/persistent-menu,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/persistent-menu
 */
public final class MessagingProfiles {

    /** The two Messenger Profile fields the hub manages, with the hub's name of each locale's list. */
    public enum Field {
        ICE_BREAKERS("ice_breakers", "questions"),
        PERSISTENT_MENU("persistent_menu", "items");

        final String metaName;
        final String hubList;

        Field(String metaName, String hubList) {
            this.metaName = metaName;
            this.hubList = hubList;
        }
    }

    private final ChannelGraphCaller meta;

    public MessagingProfiles(ChannelGraphCaller meta) {
        this.meta = meta;
    }

    /** {@code {"locales":[{"locale","questions"|"items":[...]}]}} as Meta holds it now (empty when nothing is set). */
    public Future<JsonObject> read(Channel channel, Field field) {
        return meta.call(channel, new ChannelGraphCaller.Call(HttpMethod.GET, "messenger_profile",
                Map.of("fields", field.metaName), null), field.metaName).map(answer -> toHub(field, answer));
    }

    /** Replaces the field with {@code hub} ({@code {"locales":[...]}}, already validated). */
    public Future<Void> set(Channel channel, Field field, JsonObject hub) {
        JsonArray locales = new JsonArray();
        hub.getJsonArray("locales").forEach(l -> {
            JsonObject locale = (JsonObject) l;
            locales.add(new JsonObject().put("locale", locale.getString("locale"))
                    .put("call_to_actions", locale.getJsonArray(field.hubList).copy()));
        });
        return meta.call(channel, new ChannelGraphCaller.Call(HttpMethod.POST, "messenger_profile", Map.of(),
                new JsonObject().put(field.metaName, locales)), field.metaName).mapEmpty();
    }

    public Future<Void> delete(Channel channel, Field field) {
        return meta.call(channel, new ChannelGraphCaller.Call(HttpMethod.DELETE, "messenger_profile", Map.of(),
                new JsonObject().put("fields", new JsonArray().add(field.metaName))), field.metaName).mapEmpty();
    }

    /**
     * Meta's GET answer in the hub's shape. Ice breakers come as {@code data[]} of locales (or, set in Meta's older
     * format, as {@code data[0].ice_breakers} of questions); other fields as {@code data[0].<field>}.
     */
    static JsonObject toHub(Field field, JsonObject answer) {
        JsonArray data = answer.getJsonArray("data", new JsonArray());
        JsonArray metaLocales = new JsonArray();
        for (int i = 0; i < data.size(); i++) {
            JsonObject entry = data.getJsonObject(i);
            if (entry.containsKey("call_to_actions")) {
                metaLocales.add(entry);
            } else if (entry.getValue(field.metaName) instanceof JsonArray values) {
                boolean oldIceBreakers = !values.isEmpty() && values.getJsonObject(0).containsKey("question");
                if (oldIceBreakers) {
                    metaLocales.add(new JsonObject().put("locale", "default").put("call_to_actions", values));
                } else {
                    values.forEach(metaLocales::add);
                }
            }
        }
        JsonArray locales = new JsonArray();
        metaLocales.forEach(l -> {
            JsonObject locale = (JsonObject) l;
            locales.add(new JsonObject().put("locale", locale.getString("locale", "default"))
                    .put(field.hubList, locale.getJsonArray("call_to_actions", new JsonArray()).copy()));
        });
        return new JsonObject().put("locales", locales);
    }
}
