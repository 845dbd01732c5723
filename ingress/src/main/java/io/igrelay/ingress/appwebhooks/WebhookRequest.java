package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.WebhookRegistration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * Maps the JSON of POST and PATCH /v1/organization/webhook to a WebhookRegistration: required
 * fields on create, partial changes on PATCH, `requiresSignature` true unless said otherwise, NoAuthentication as
 * the only protocol for now, filters on channelIds and statuses, `includeContact` (Message events carry the sender's
 * profile, false unless asked) and the endpoint through the SSRF policy.
 */
public final class WebhookRequest {

    static final Set<String> PROTOCOLS = Set.of("NoAuthentication", "BasicAuthentication", "OAuth2", "ApiKey");
    static final Set<String> STATUSES = Set.of("enqueued", "rejected", "sent", "read", "failed");

    private WebhookRequest() {
    }

    public static WebhookRegistration create(JsonObject body, EndpointPolicy policy) {
        if (body == null) {
            throw HookError.invalid("body must be a JSON object");
        }
        WebhookRegistration.Builder b = WebhookRegistration.newBuilder()
                .setLabel(requiredString(body, "label")).setEndpoint(requiredString(body, "endpoint"))
                .setEventType(eventType(requiredString(body, "eventType")));
        return apply(b, body, policy);
    }

    public static WebhookRegistration patch(WebhookRegistration current, JsonObject body, EndpointPolicy policy) {
        if (body == null) {
            throw HookError.invalid("body must be a JSON object");
        }
        WebhookRegistration.Builder b = WebhookRegistration.newBuilder(current);
        if (body.containsKey("label")) {
            b.setLabel(requiredString(body, "label"));
        }
        if (body.containsKey("endpoint")) {
            b.setEndpoint(requiredString(body, "endpoint"));
        }
        if (body.containsKey("eventType")) {
            b.setEventType(eventType(requiredString(body, "eventType")));
        }
        return apply(b, body, policy);
    }

    /** PATCH {"enabled": true|false}; empty when not given. */
    public static Optional<Boolean> enabled(JsonObject body) {
        Object value = body == null ? null : body.getValue("enabled");
        if (value != null && !(value instanceof Boolean)) {
            throw HookError.invalid("enabled must be a boolean");
        }
        return Optional.ofNullable((Boolean) value);
    }

    private static WebhookRegistration apply(WebhookRegistration.Builder b, JsonObject body, EndpointPolicy policy) {
        if (body.containsKey("authenticationProtocol")) {
            String protocol = requiredString(body, "authenticationProtocol");
            if (!PROTOCOLS.contains(protocol)) {
                throw HookError.invalid("authenticationProtocol must be one of " + PROTOCOLS);
            }
            if (!protocol.equals("NoAuthentication")) {
                throw HookError.invalid("authenticationProtocol " + protocol + " is not supported yet");
            }
            b.setAuthenticationProtocol(protocol);
        }
        if (body.containsKey("requiresSignature")) {
            Object value = body.getValue("requiresSignature");
            if (!(value instanceof Boolean flag)) {
                throw HookError.invalid("requiresSignature must be a boolean");
            }
            b.setRequiresSignature(flag);
        }
        if (body.containsKey("includeContact")) {
            Object value = body.getValue("includeContact");
            if (!(value instanceof Boolean flag)) {
                throw HookError.invalid("includeContact must be a boolean");
            }
            b.setIncludeContact(flag);
        }
        if (body.containsKey("headers")) {
            b.setHeaders(headers(body.getValue("headers")));
        }
        if (body.containsKey("filters")) {
            Object filters = body.getValue("filters");
            if (filters != null && !(filters instanceof JsonObject)) {
                throw HookError.invalid("filters must be an object");
            }
            JsonObject f = filters == null ? new JsonObject() : (JsonObject) filters;
            b.setFilterChannelIds(strings(f, "filters.channelIds", f.getValue("channelIds")));
            List<String> statuses = strings(f, "filters.statuses", f.getValue("statuses"));
            if (!STATUSES.containsAll(statuses)) {
                throw HookError.invalid("filters.statuses must be among " + STATUSES);
            }
            b.setFilterStatuses(statuses);
        }
        policy.parse(b.getEndpoint());
        if (b.getLabel().isBlank() || b.getLabel().length() > 200) {
            throw HookError.invalid("label must have 1 to 200 characters");
        }
        return b.build();
    }

    private static HubEventType eventType(String value) {
        return switch (value) {
            case "Message" -> HubEventType.Message;
            case "MessageStatus" -> HubEventType.MessageStatus;
            case "Comment" -> HubEventType.Comment;
            default -> throw HookError.invalid("eventType must be Message, MessageStatus or Comment");
        };
    }

    private static String requiredString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw HookError.invalid(field + " is required and must be a string");
        }
        return text;
    }

    private static Map<String, String> headers(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject json) || json.size() > 20) {
            throw HookError.invalid("headers must be an object of at most 20 string values");
        }
        Map<String, String> headers = new HashMap<>();
        json.forEach(e -> {
            if (!(e.getValue() instanceof String text) || !e.getKey().matches("[A-Za-z0-9-]{1,64}")) {
                throw HookError.invalid("headers must map header names to string values");
            }
            headers.put(e.getKey(), text);
        });
        return headers;
    }

    private static List<String> strings(JsonObject owner, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw HookError.invalid(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text)) {
                throw HookError.invalid(field + " must be an array of strings");
            }
            out.add(text);
        }
        return out;
    }
}
