package io.igrelay.ingress.deletion;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the list of user ids Meta periodically asks an app to delete (downloaded from the App Dashboard after Meta's
 * e-mail; Meta documents the duty, not the file's layout), leniently: a JSON array or an object with an
 * {@code ids}/{@code data} array (of ids, or of objects with {@code id}/{@code user_id}), or text — one id per line,
 * or CSV whose first all-digits field on a line is the id (header and blank lines are skipped). Ids are numeric
 * app-scoped user ids; duplicates are kept once, in file order.
 */
public record DeletionIdList(List<String> ids, List<String> skipped) {

    private static final Pattern ID = Pattern.compile("\\d{1,32}");
    private static final int MAX_SKIPPED_SHOWN = 20;

    public static DeletionIdList parse(String file) {
        String text = file == null ? "" : file.strip();
        if (text.startsWith("[") || text.startsWith("{")) {
            try {
                return fromJson(text.startsWith("[") ? new JsonArray(text) : array(new JsonObject(text)));
            } catch (DecodeException | ClassCastException e) {
                return new DeletionIdList(List.of(), List.of("not valid JSON: " + e.getMessage()));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String id = firstId(line);
            if (id != null) {
                ids.add(id);
            } else if (!line.isBlank() && skipped.size() < MAX_SKIPPED_SHOWN) {
                skipped.add(line.strip());
            }
        }
        return new DeletionIdList(List.copyOf(ids), List.copyOf(skipped));
    }

    private static String firstId(String line) {
        for (String field : line.split("[,;\\t]")) {
            String value = field.strip().replace("\"", "");
            if (ID.matcher(value).matches()) {
                return value;
            }
        }
        return null;
    }

    private static JsonArray array(JsonObject root) {
        JsonArray ids = root.getJsonArray("ids");
        return ids != null ? ids : root.getJsonArray("data", new JsonArray());
    }

    private static DeletionIdList fromJson(JsonArray array) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (Object element : array) {
            Object value = element instanceof JsonObject o ? o.getValue("user_id", o.getValue("id")) : element;
            String id = value == null ? null : String.valueOf(value).strip();
            if (id != null && ID.matcher(id).matches()) {
                ids.add(id);
            } else if (skipped.size() < MAX_SKIPPED_SHOWN) {
                skipped.add(String.valueOf(element));
            }
        }
        return new DeletionIdList(List.copyOf(ids), List.copyOf(skipped));
    }
}
