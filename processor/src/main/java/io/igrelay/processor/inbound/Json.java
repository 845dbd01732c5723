package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The two ways the inbound mappers read Meta's JSON: a field as text (absent and null alike give null), and every
 * scalar under an object as a flat map, nested keys joined by dots and array elements by their index, so a field
 * Meta adds later is carried instead of dropped.
 */
final class Json {

    private Json() {
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    static void flattenScalars(JsonNode node, String prefix, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flattenScalars(field.getValue(), prefix + field.getKey() + ".", out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flattenScalars(node.get(i), prefix + i + ".", out);
            }
        } else if (node.isValueNode() && !node.isNull() && !prefix.isEmpty()) {
            out.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
    }
}
