package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Send API call as the inspection API reports it: order, time, host, the account it resolved to, what was
 * asked and how the sandbox answered (HTTP status, Meta code/subcode or the new message id).
 */
public record SendRecord(long seq, long at, String host, String path, String accountId, String recipientId,
        String kind, String messagingType, String tag, int httpStatus, String outcome, String errorCode,
        String messageId, JsonNode body) {
}
