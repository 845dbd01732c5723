package io.igrelay.sandbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Graph API error as Meta answers it: {@code {"error":{message,type,code[,error_subcode][,is_transient],
 * fbtrace_id}}} with its HTTP status. The constants mirror meta-fixtures/error-*.json (messages, codes,
 * subcodes and statuses); callers classify by code/subcode, never by message.
 */
public record GraphErrorBody(int httpStatus, String message, String type, int code, Integer subcode,
        boolean transientFlag) {

    public static final String OAUTH = "OAuthException";
    public static final String IG_API = "IGApiException";

    public static GraphErrorBody outsideWindow(boolean instagramHost) {
        return new GraphErrorBody(403, "This message is sent outside of allowed window.",
                instagramHost ? IG_API : OAUTH, 10, 2534022, false);
    }

    public static GraphErrorBody noMatchingUser() {
        return new GraphErrorBody(400, "(#100) No matching user found", OAUTH, 100, 2018001, false);
    }

    public static GraphErrorBody userUnavailable() {
        return new GraphErrorBody(400, "(#551) This person isn't available right now.", OAUTH, 551, 1545041, false);
    }

    public static GraphErrorBody rateLimit613() {
        return new GraphErrorBody(400, "(#613) Calls to this api have exceeded the rate limit.", OAUTH, 613, null, false);
    }

    public static GraphErrorBody rateLimit4() {
        return new GraphErrorBody(400, "(#4) Application request limit reached", OAUTH, 4, null, true);
    }

    public static GraphErrorBody transientError(int code) {
        String msg = switch (code) {
            case 1 -> "An unknown error occurred";
            case 1200 -> "Temporary send message failure. Please try again later";
            default -> "An unexpected error has occurred. Please retry your request later.";
        };
        return new GraphErrorBody(500, msg, OAUTH, code, null, true);
    }

    public static GraphErrorBody invalidParam(String message) {
        return new GraphErrorBody(400, "(#100) " + message, OAUTH, 100, null, false);
    }

    public static GraphErrorBody unknownObject(String id) {
        return new GraphErrorBody(400, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation.", OAUTH, 100, 33, false);
    }

    public static GraphErrorBody invalidToken() {
        return new GraphErrorBody(400, "Invalid OAuth access token - Cannot parse access token", OAUTH, 190, null,
                false);
    }

    public static GraphErrorBody missingToken() {
        return new GraphErrorBody(400, "An access token is required to request this resource.", OAUTH, 104, null,
                false);
    }

    public static GraphErrorBody tokenExpired(String expiredAt, String now) {
        return new GraphErrorBody(400, "Error validating access token: Session has expired on " + expiredAt
                + ". The current time is " + now + ".", OAUTH, 190, 463, false);
    }

    public static GraphErrorBody tokenRevoked(int subcode) {
        String msg = subcode == 458
                ? "Error validating access token: The user has not authorized application."
                : "Error validating access token: The session has been invalidated because the user changed "
                        + "their password or Facebook has changed the session for security reasons.";
        return new GraphErrorBody(400, msg, OAUTH, 190, subcode, false);
    }

    public static GraphErrorBody permission(String message) {
        return new GraphErrorBody(403, "(#10) " + message, OAUTH, 10, null, false);
    }

    public static GraphErrorBody oauthCode(String message) {
        return new GraphErrorBody(400, message, OAUTH, 100, 36007, false);
    }

    public byte[] body(String fbtrace) {
        ObjectNode err = MetaJson.object();
        err.put("message", message).put("type", type).put("code", code);
        if (subcode != null) {
            err.put("error_subcode", subcode);
        }
        if (transientFlag) {
            err.put("is_transient", true);
        }
        err.put("fbtrace_id", fbtrace);
        ObjectNode root = MetaJson.object();
        root.set("error", err);
        return MetaJson.bytes(root);
    }

    public String codeString() {
        return subcode == null ? Integer.toString(code) : code + "/" + subcode;
    }
}
