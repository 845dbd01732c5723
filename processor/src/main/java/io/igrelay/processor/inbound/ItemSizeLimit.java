package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.Attachment;
import io.igrelay.avro.InstagramEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The largest messaging item the processor turns into an event as it is. Every record it writes must fit the
 * producer's max.request.size (1 MiB): one that does not is refused by Kafka on every retry and would stall its task.
 * Meta's own items are far smaller (a message text is at most 1,000 characters, media arrive as URLs), but the ingress
 * accepts any signed body up to 4 MiB. An item over {@link #MAX_ITEM_CHARS} characters of JSON keeps its event, with
 * its free-text fields (text, attachment URLs, titles and payload values) cut to {@link #MAX_FIELD_CHARS} characters,
 * each ending in {@link #MARK}: the Application still gets the message (its webhook bodies are capped at 256 KB
 * anyway), and the delivery stays whole on ig.webhooks.raw for the topic's retention. An item still too large after
 * the cut is counted and skipped like an unreadable one. Only bodies above the limit are measured, so ordinary
 * deliveries pay nothing.
 */
final class ItemSizeLimit {

    static final int MAX_ITEM_CHARS = 256 * 1024;
    static final int MAX_FIELD_CHARS = 64 * 1024;
    static final String MARK = "…[truncated]";

    private ItemSizeLimit() {
    }

    /** The item's size in characters of JSON when it is over the limit, else 0 (also for every small body). */
    static long oversize(JsonNode item, int bodyBytes) {
        if (bodyBytes <= MAX_ITEM_CHARS) {
            return 0;
        }
        long chars = item.toString().length();
        return chars > MAX_ITEM_CHARS ? chars : 0;
    }

    /** Cuts the event's free-text fields in place; answers how many characters were removed. */
    static long cut(InstagramEvent event) {
        long removed = 0;
        if (tooLong(event.getText())) {
            removed += event.getText().length() - MAX_FIELD_CHARS;
            event.setText(shortened(event.getText()));
        }
        for (Attachment attachment : event.getAttachments()) {
            if (tooLong(attachment.getUrl())) {
                removed += attachment.getUrl().length() - MAX_FIELD_CHARS;
                attachment.setUrl(shortened(attachment.getUrl()));
            }
            if (tooLong(attachment.getTitle())) {
                removed += attachment.getTitle().length() - MAX_FIELD_CHARS;
                attachment.setTitle(shortened(attachment.getTitle()));
            }
            Map<String, String> payload = new LinkedHashMap<>(attachment.getPayload());
            for (Map.Entry<String, String> field : payload.entrySet()) {
                if (tooLong(field.getValue())) {
                    removed += field.getValue().length() - MAX_FIELD_CHARS;
                    field.setValue(shortened(field.getValue()));
                }
            }
            attachment.setPayload(payload);
        }
        return removed;
    }

    private static boolean tooLong(CharSequence value) {
        return value != null && value.length() > MAX_FIELD_CHARS;
    }

    private static String shortened(CharSequence value) {
        return value.subSequence(0, MAX_FIELD_CHARS - MARK.length()) + MARK;
    }
}
