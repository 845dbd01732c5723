package io.igrelay.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call to a Graph endpoint other than the Send API (Attachment Upload, Messenger Profile) as the inspection log
 * keeps it: order, host, method, path with its query, the account it resolved to, the body as sent and the status
 * answered, so a test can check the exact request a client made.
 */
public record RecordedGraphCall(long seq, long at, String host, String method, String pathAndQuery, String accountId,
        JsonNode body, int httpStatus) {
}
