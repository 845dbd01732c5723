package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.wire.MetaJson;
import io.igrelay.sandbox.wire.MetaSignatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One webhook POST body and its retry state. The bytes and signature are fixed when the batch is formed and every
 * retry sends them again unchanged, as Meta does. Items are grouped into one entry per account, in queue order, in
 * the entry's {@code messaging}, {@code standby} or {@code changes} array.
 */
final class Delivery {
    final long id;
    final Flavour flavour;
    final byte[] body;
    final String signature;
    final String legacySignature;
    final int items;
    final List<String> accountIds;
    int attempts;
    long nextDueAt;

    private Delivery(long id, Flavour flavour, byte[] body, String signature, String legacySignature, int items,
            List<String> accountIds) {
        this.id = id;
        this.flavour = flavour;
        this.body = body;
        this.signature = signature;
        this.legacySignature = legacySignature;
        this.items = items;
        this.accountIds = accountIds;
    }

    /** A body built elsewhere (the App Dashboard's "Test" button sends the changes[] form, outside any batch). */
    static Delivery raw(long id, Flavour flavour, ObjectNode root, String secret) {
        byte[] bytes = MetaJson.bytes(root);
        List<String> accounts = new ArrayList<>();
        root.path("entry").forEach(e -> accounts.add(e.path("id").asText()));
        return new Delivery(id, flavour, bytes, MetaSignatures.hubSignature(secret, bytes),
                MetaSignatures.legacyHubSignature(secret, bytes), root.path("entry").size(), accounts);
    }

    static Delivery of(long id, Flavour flavour, List<WebhookItem> batch, long now, String secret) {
        Map<String, ObjectNode> byAccount = new LinkedHashMap<>();
        ObjectNode root = MetaJson.object();
        root.put("object", "instagram");
        ArrayNode entries = root.putArray("entry");
        for (WebhookItem item : batch) {
            long time = item.entryTime() > 0 ? item.entryTime() : now;
            ObjectNode entry = byAccount.computeIfAbsent(item.accountId() + "|" + time,
                    key -> entries.addObject().put("id", item.accountId()).put("time", time));
            ((ArrayNode) entry.withArray(item.channel())).add(item.messaging());
        }
        byte[] bytes = MetaJson.bytes(root);
        return new Delivery(id, flavour, bytes, MetaSignatures.hubSignature(secret, bytes),
                MetaSignatures.legacyHubSignature(secret, bytes), batch.size(),
                new ArrayList<>(new LinkedHashSet<>(batch.stream().map(WebhookItem::accountId).toList())));
    }
}
