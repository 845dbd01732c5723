package io.igrelay.ingress.api;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an OpenAPI validation failure into a 400 whose message names the field ({@code content.text: ...}): the
 * deepest failing location of the JSON Schema output is the most precise one. Unknown content kinds and stickers
 * become UNSUPPORTED_CONTENT, a text over 1000 characters TEXT_TOO_LONG.
 */
final class SchemaErrors {

    private SchemaErrors() {
    }

    static ApiError toApiError(ValidatorException validation) {
        if (!(validation instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
            return ApiError.invalid(clean(validation.getMessage()));
        }
        List<OutputUnit> leaves = new ArrayList<>();
        collectLeaves(schema.getOutputUnit(), leaves);
        OutputUnit worst = leaves.stream()
                .max(Comparator.comparingInt((OutputUnit u) -> depth(u.getInstanceLocation()))
                        .thenComparing(u -> !isIfThenNoise(u)))
                .orElse(schema.getOutputUnit());
        String field = fieldName(worst.getInstanceLocation());
        String keyword = lastSegment(worst.getKeywordLocation());
        String message = (field.isEmpty() ? "body" : field) + ": " + clean(worst.getError());
        boolean unknownProperty = String.valueOf(worst.getKeywordLocation()).contains("additionalProperties");
        if (unknownProperty && field.matches("content(\\.[^.\\[]+)?")) {
            return new ApiError(400, HubErrorCode.UNSUPPORTED_CONTENT, field + ": unsupported content kind");
        }
        if (field.equals("content.sticker")) {
            return new ApiError(400, HubErrorCode.UNSUPPORTED_CONTENT, message);
        }
        if (field.equals("content.text") && keyword.equals("maxLength")) {
            return new ApiError(400, HubErrorCode.TEXT_TOO_LONG, message);
        }
        return ApiError.invalid(message);
    }

    private static void collectLeaves(OutputUnit unit, List<OutputUnit> leaves) {
        if (unit.getErrors() == null || unit.getErrors().isEmpty()) {
            if (unit.getError() != null) {
                leaves.add(unit);
            }
            return;
        }
        unit.getErrors().forEach(child -> collectLeaves(child, leaves));
    }

    private static boolean isIfThenNoise(OutputUnit unit) {
        String keyword = lastSegment(unit.getKeywordLocation());
        return keyword.equals("then") || keyword.equals("if") || keyword.equals("allOf");
    }

    private static int depth(String pointer) {
        String p = strip(pointer);
        return p.isEmpty() ? 0 : p.split("/").length;
    }

    /** {@code /content/interactive/action/buttons/3/reply/title} → {@code content.interactive.action.buttons[3].reply.title}. */
    static String fieldName(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : strip(pointer).split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    private static String strip(String pointer) {
        if (pointer == null) {
            return "";
        }
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private static String lastSegment(String pointer) {
        String p = strip(pointer);
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    private static String clean(String message) {
        return message == null ? "invalid" : message.replaceAll("\\s+", " ").trim();
    }
}
