package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WebhookDelivery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns one Meta webhook delivery into its messaging items (contract §6.1): every entry[], every messaging[] and standby[]
 * item, the dashboard's changes[{field:"messages"}] test form, and the comments and live_comments changes ({@link
 * CommentChangeMapper}), sorted by Meta timestamp (stable), never by position in the body; changes of other fields are
 * not the hub's and are left out without counting. Pure: channel resolution and content withholding happen in the
 * caller.
 */
public final class WebhookNormaliser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<InstagramEvent> BY_META_TIME = Comparator.comparingLong(
            e -> e.getTimestamp().toEpochMilli());

    private final MessagingItemMapper mapper = new MessagingItemMapper();
    /** Items of the delivery being normalised whose free text was cut (one instance per task: single-threaded). */
    private int truncated;

    /** The events of a delivery in Meta timestamp order, or a {@link MalformedWebhookException}. */
    public Normalised normalise(WebhookDelivery delivery) {
        if (delivery.getMalformed()) {
            throw new MalformedWebhookException("delivery was flagged malformed by the ingress");
        }
        JsonNode root = parse(delivery.getBody().duplicate());
        if (!"instagram".equals(root.path("object").asText())) {
            throw new MalformedWebhookException("object is not instagram");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            throw new MalformedWebhookException("entry is not an array");
        }
        List<InstagramEvent> events = new ArrayList<>();
        truncated = 0;
        int skipped = 0;
        for (JsonNode entry : entries) {
            String accountId = entry.path("id").asText(null);
            if (accountId == null) {
                skipped++;
                continue;
            }
            skipped += addItems(events, entry.path("messaging"), accountId, false, false, delivery);
            skipped += addItems(events, entry.path("standby"), accountId, true, false, delivery);
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asText();
                if ("messages".equals(field)) {
                    skipped += addItem(events, change.path("value"), accountId, false, true, delivery);
                } else if (CommentChangeMapper.isComment(field)) {
                    skipped += ItemSizeLimit.oversize(change, delivery.getBody().remaining()) > 0 ? 1 : add(events, CommentChangeMapper.map(field, change.path("value"), entry.path("time"),
                            context(accountId, false, false, delivery)));
                }
            }
        }
        events.sort(BY_META_TIME);
        return new Normalised(List.copyOf(events), skipped, truncated);
    }

    private int addItems(List<InstagramEvent> out, JsonNode items, String accountId, boolean standby, boolean test,
                         WebhookDelivery delivery) {
        int skipped = 0;
        for (JsonNode item : items) {
            skipped += addItem(out, item, accountId, standby, test, delivery);
        }
        return skipped;
    }

    private int addItem(List<InstagramEvent> out, JsonNode item, String accountId, boolean standby, boolean test,
                        WebhookDelivery delivery) {
        long oversize = ItemSizeLimit.oversize(item, delivery.getBody().remaining());
        Optional<InstagramEvent> event = mapper.map(item, context(accountId, standby, test, delivery));
        if (oversize > 0 && event.isPresent()) {
            long removed = ItemSizeLimit.cut(event.get());
            if (oversize - removed > ItemSizeLimit.MAX_ITEM_CHARS) {
                return 1;
            }
            truncated++;
        }
        return add(out, event);
    }

    private static ItemContext context(String accountId, boolean standby, boolean test, WebhookDelivery delivery) {
        return new ItemContext(accountId, standby, test, delivery.getDeliveryId(), delivery.getReceivedAt());
    }

    private static int add(List<InstagramEvent> out, Optional<InstagramEvent> event) {
        if (event.isEmpty()) {
            return 1;
        }
        out.add(event.get());
        return 0;
    }

    private static JsonNode parse(java.nio.ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new MalformedWebhookException("body is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new MalformedWebhookException("body is not JSON: " + e.getClass().getSimpleName());
        }
    }

    /** The events of one delivery, how many of its items could not be read, and how many were cut to size. */
    public record Normalised(List<InstagramEvent> events, int skippedItems, int truncatedItems) {

        public Normalised(List<InstagramEvent> events, int skippedItems) {
            this(events, skippedItems, 0);
        }
    }
}
