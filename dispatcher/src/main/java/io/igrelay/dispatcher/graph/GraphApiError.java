package io.igrelay.dispatcher.graph;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/*
 * Meta's Graph error object ({"error":{message,type,code,error_subcode,is_transient,fbtrace_id}}), read leniently:
 * errors are classified by code and subcode only (meta-fixtures README), never by type or HTTP status.
 */
public record GraphApiError(int code, Optional<Integer> subcode, String message, boolean transientFlag) {

    /** Reads an error body; empty when the body is not Meta's error JSON (a proxy's HTML page, for example). */
    public static Optional<GraphApiError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonObject error = new JsonObject(body).getJsonObject("error");
            if (error == null || !(error.getValue("code") instanceof Number code)) {
                return Optional.empty();
            }
            Object sub = error.getValue("error_subcode");
            return Optional.of(new GraphApiError(code.intValue(),
                    sub instanceof Number n ? Optional.of(n.intValue()) : Optional.empty(),
                    error.getString("message", ""),
                    Boolean.TRUE.equals(error.getValue("is_transient"))));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** {@code code[/error_subcode]}, the hub's channelErrorCode (contract §5). */
    public String channelErrorCode() {
        return subcode.map(s -> code + "/" + s).orElse(Integer.toString(code));
    }
}
