package io.igrelay.sandbox.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a Graph {@code fields} parameter with nested selections, e.g.
 * {@code name,access_token,instagram_business_account{id,username}}, keeping the requested order.
 */
public final class FieldSelection {
    private final Map<String, FieldSelection> fields;

    private FieldSelection(Map<String, FieldSelection> fields) {
        this.fields = fields;
    }

    public static FieldSelection parse(String spec, String defaults) {
        String s = spec == null || spec.isBlank() ? defaults : spec;
        int[] pos = {0};
        return parseList(s.replace(" ", ""), pos);
    }

    private static FieldSelection parseList(String s, int[] pos) {
        Map<String, FieldSelection> out = new LinkedHashMap<>();
        StringBuilder name = new StringBuilder();
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]++);
            if (c == ',') {
                add(out, name, null);
            } else if (c == '{') {
                FieldSelection sub = parseList(s, pos);
                add(out, name, sub);
            } else if (c == '}') {
                break;
            } else {
                name.append(c);
            }
        }
        add(out, name, null);
        return new FieldSelection(out);
    }

    private static void add(Map<String, FieldSelection> out, StringBuilder name, FieldSelection sub) {
        if (name.length() > 0) {
            out.put(name.toString(), sub);
            name.setLength(0);
        } else if (sub != null && !out.isEmpty()) {
            String last = null;
            for (String k : out.keySet()) {
                last = k;
            }
            out.put(last, sub);
        }
    }

    public Iterable<String> names() {
        return fields.keySet();
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The nested selection of {@code name}, or {@code dflt} parsed when none was given. */
    public FieldSelection sub(String name, String dflt) {
        FieldSelection f = fields.get(name);
        return f != null ? f : parse(dflt, dflt);
    }
}
