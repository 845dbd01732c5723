package io.igrelay.processor.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds Meta webhook bodies in the documented shape (as the fixtures), for times and ids a test chooses. */
public final class Webhooks {

    private Webhooks() {
    }

    public static String message(String igsid, String mid, Instant at, String text) {
        return "{\"sender\":{\"id\":\"" + igsid + "\"},\"recipient\":{\"id\":\"" + TopologyHarness.ACCOUNT
                + "\"},\"timestamp\":" + at.toEpochMilli() + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\""
                + text + "\"}}";
    }

    public static String echo(String igsid, String mid, Instant at) {
        return "{\"sender\":{\"id\":\"" + TopologyHarness.ACCOUNT + "\"},\"recipient\":{\"id\":\"" + igsid
                + "\"},\"timestamp\":" + at.toEpochMilli() + ",\"message\":{\"mid\":\"" + mid
                + "\",\"text\":\"typed in the app\",\"is_echo\":true}}";
    }

    public static String seen(String igsid, String mid, Instant at) {
        return "{\"sender\":{\"id\":\"" + igsid + "\"},\"recipient\":{\"id\":\"" + TopologyHarness.ACCOUNT
                + "\"},\"timestamp\":" + at.toEpochMilli() + ",\"read\":{\"mid\":\"" + mid + "\"}}";
    }

    public static String adReferralMessage(String igsid, String mid, Instant at) {
        return "{\"sender\":{\"id\":\"" + igsid + "\"},\"recipient\":{\"id\":\"" + TopologyHarness.ACCOUNT
                + "\"},\"timestamp\":" + at.toEpochMilli() + ",\"message\":{\"mid\":\"" + mid
                + "\",\"text\":\"saw your ad\",\"referral\":{\"ref\":\"r\",\"ad_id\":\"1\",\"source\":\"ADS\","
                + "\"type\":\"OPEN_THREAD\"}}}";
    }

    /** An item of the user with {@code body} (e.g. {@code "reaction":{...}}) after sender, recipient and timestamp. */
    public static String userItem(String igsid, Instant at, String body) {
        return "{\"sender\":{\"id\":\"" + igsid + "\"},\"recipient\":{\"id\":\"" + TopologyHarness.ACCOUNT
                + "\"},\"timestamp\":" + at.toEpochMilli() + "," + body + "}";
    }

    public static String reaction(String igsid, String mid, Instant at, String action) {
        return userItem(igsid, at, "\"reaction\":{\"mid\":\"" + mid + "\",\"action\":\"" + action + "\""
                + ("react".equals(action) ? ",\"reaction\":\"love\",\"emoji\":\"\u2764\"" : "") + "}");
    }

    public static String postback(String igsid, String mid, Instant at) {
        return userItem(igsid, at, "\"postback\":{\"mid\":\"" + mid + "\",\"title\":\"Yes\",\"payload\":\"YES\"}");
    }

    public static String edit(String igsid, String mid, Instant at, String text) {
        return userItem(igsid, at, "\"message_edit\":{\"mid\":\"" + mid + "\",\"text\":\"" + text
                + "\",\"num_edit\":1}");
    }

    public static String optin(String igsid, Instant at) {
        return userItem(igsid, at, "\"optin\":{\"type\":\"notification_messages\",\"payload\":\"P\","
                + "\"notification_messages_token\":\"tok\"}");
    }

    public static String handover(String igsid, Instant at, String action) {
        return userItem(igsid, at, "\"" + action + "\":{\"new_owner_app_id\":\"1\",\"metadata\":\"m\"}");
    }

    public static byte[] delivery(String account, List<String> items) {
        return ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":1,\"messaging\":["
                + String.join(",", items) + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] delivery(List<String> items) {
        return delivery(TopologyHarness.ACCOUNT, new ArrayList<>(items));
    }
}
