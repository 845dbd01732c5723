package io.igrelay.dispatcher.webhooks.envelope;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/*
 * Enforces "one event per request, body <= 256 KB" without ever holding a conversation back:
 * an oversized body keeps its envelope (eventId, sequence, ids) and has its longest `content` strings cut, each
 * ending in TRUNCATION_MARK, and says so with `truncated: true` + `originalSizeBytes`. Deterministic, so every
 * retry and replay sends (and signs) the same bytes. A body that cannot be brought under the cap is refused.
 */
public final class BodyCap {

    /** Appended to every string that was cut. */
    public static final String TRUNCATION_MARK = "…[truncated]";
    private static final int SHORTEST_CUT = 256;

    /**
     * The body to send: {@code body} unchanged, or a truncated copy with a note naming the cut fields (never their
     * values), or {@code refused} when even an emptied content does not fit.
     */
    public record Fitted(Optional<String> body, Optional<String> note) {
        public boolean refused() {
            return body.isEmpty();
        }
    }

    private BodyCap() {
    }

    public static Fitted fit(String body, int maxBytes) {
        int size = bytes(body);
        if (size <= maxBytes) {
            return new Fitted(Optional.of(body), Optional.empty());
        }
        JsonObject json = new JsonObject(body);
        json.put("truncated", true).put("originalSizeBytes", size);
        TreeSet<String> cut = new TreeSet<>();
        JsonObject content = json.getJsonObject("content");
        if (content != null) {
            shrinkStrings(json, content, maxBytes, cut);
        }
        if (bytes(json.encode()) > maxBytes && json.getValue("errorMessage") instanceof String message
                && message.length() > SHORTEST_CUT) {
            json.put("errorMessage", cut(message, SHORTEST_CUT));
            cut.add("errorMessage");
        }
        if (bytes(json.encode()) > maxBytes && content != null) {
            json.put("content", new JsonObject().put("type", content.getValue("type")).put("omitted", true));
            cut.clear();
            cut.add("content (omitted)");
        }
        String fitted = json.encode();
        int after = bytes(fitted);
        if (after > maxBytes) {
            return new Fitted(Optional.empty(), Optional.of("body of " + size + " bytes exceeds the " + maxBytes
                    + "-byte limit even without its content (" + after + " bytes)"));
        }
        return new Fitted(Optional.of(fitted), Optional.of("body of " + size + " bytes exceeds the " + maxBytes
                + "-byte limit: cut " + String.join(", ", cut) + " (" + after + " bytes sent)"));
    }

    /** Cuts the longest string of the content until the whole body fits or nothing long is left. */
    private static void shrinkStrings(JsonObject root, JsonObject content, int maxBytes, TreeSet<String> cut) {
        List<Leaf> leaves = new ArrayList<>();
        collect(content, "content", leaves);
        int size = bytes(root.encode());
        while (size > maxBytes) {
            Optional<Leaf> longest = leaves.stream().filter(l -> l.kept > SHORTEST_CUT)
                    .max(Comparator.comparingInt((Leaf l) -> l.kept).thenComparing(l -> l.path));
            if (longest.isEmpty()) {
                return;
            }
            Leaf leaf = longest.get();
            // drop the excess plus room for the mark (a code point is >= 1 byte); keep >= SHORTEST_CUT code points
            leaf.keep(Math.max(SHORTEST_CUT, leaf.kept - (size - maxBytes) - 16));
            cut.add(leaf.path);
            size = bytes(root.encode());
        }
    }

    private static void collect(Object node, String path, List<Leaf> into) {
        if (node instanceof JsonObject object) {
            for (String key : new TreeSet<>(object.fieldNames())) {
                Object value = object.getValue(key);
                if (value instanceof String s) {
                    into.add(new Leaf(path + "." + key, s, object, key, null, -1));
                } else {
                    collect(value, path + "." + key, into);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                Object value = array.getValue(i);
                if (value instanceof String s) {
                    into.add(new Leaf(path + "[" + i + "]", s, null, null, array, i));
                } else {
                    collect(value, path + "[" + i + "]", into);
                }
            }
        }
    }

    /** The first {@code keep} code points (never splitting a surrogate pair) followed by the mark. */
    static String cut(String value, int keep) {
        int codePoints = value.codePointCount(0, value.length());
        if (codePoints <= keep) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, keep)) + TRUNCATION_MARK;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A string inside the content, where it sits (object field or array slot) and how much of it is kept. */
    private static final class Leaf {
        final String path;
        final String original;
        final JsonObject parent;
        final String key;
        final JsonArray array;
        final int index;
        int kept;

        Leaf(String path, String original, JsonObject parent, String key, JsonArray array, int index) {
            this.path = path;
            this.original = original;
            this.parent = parent;
            this.key = key;
            this.array = array;
            this.index = index;
            this.kept = original.codePointCount(0, original.length());
        }

        void keep(int codePoints) {
            kept = codePoints;
            String shorter = cut(original, codePoints);
            if (parent != null) {
                parent.put(key, shorter);
            } else {
                array.set(index, shorter);
            }
        }
    }
}
