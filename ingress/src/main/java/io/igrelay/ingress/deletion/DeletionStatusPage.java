package io.igrelay.ingress.deletion;

import io.igrelay.avro.DeletionStatus;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one deletion's status for the person who asked Meta to delete their data: a small HTML page, or JSON for
 * clients that send {@code Accept: application/json}. Both say received / in progress / completed and what was
 * removed (or that no data was held); everything interpolated into the HTML is escaped.
 */
final class DeletionStatusPage {

    private DeletionStatusPage() {
    }

    static String state(DeletionStatus status) {
        return status.getState().name().toLowerCase(Locale.ROOT);
    }

    static JsonObject json(DeletionStatus status) {
        JsonObject removed = new JsonObject();
        new TreeMap<>(status.getRemoved()).forEach(removed::put);
        return new JsonObject()
                .put("confirmationCode", status.getConfirmationCode())
                .put("status", state(status))
                .put("removed", removed)
                .put("noDataHeld", status.getNoDataHeld())
                .put("updatedAt", status.getUpdatedAt().toString());
    }

    static String html(DeletionStatus status) {
        StringBuilder removed = new StringBuilder();
        Map<String, Long> sorted = new TreeMap<>(status.getRemoved());
        sorted.forEach((kind, count) -> removed.append("<li>").append(escape(kind)).append(": ").append(count)
                .append("</li>"));
        String what = status.getNoDataHeld() ? "<p>We held no data about you.</p>"
                : sorted.isEmpty() ? "" : "<p>Deleted:</p><ul>" + removed + "</ul>";
        String headline = switch (status.getState()) {
            case RECEIVED -> "Your request was received and will be processed shortly.";
            case IN_PROGRESS -> "Your data is being deleted.";
            case COMPLETED -> "Your data has been deleted.";
        };
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data deletion status</title>"
                + "</head><body><h1>Data deletion status</h1>"
                + "<p>Confirmation code: <code>" + escape(status.getConfirmationCode()) + "</code></p>"
                + "<p>Status: <strong>" + escape(state(status).replace('_', ' ')) + "</strong></p>"
                + "<p>" + headline + "</p>" + what
                + "<p>Last update: " + escape(status.getUpdatedAt().toString()) + "</p></body></html>";
    }

    static String notFoundHtml() {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data deletion status</title>"
                + "</head><body><h1>Unknown confirmation code</h1><p>No deletion request has this code.</p>"
                + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
