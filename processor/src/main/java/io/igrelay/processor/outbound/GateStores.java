package io.igrelay.processor.outbound;

/**
 * Names of the stores the gate reads: the two global directories and the conversation stores it shares (windows,
 * dedup and its index, the status table, to see whether a request's ENQUEUED status is already recorded, and the
 * comments store for the private-reply rule).
 */
public record GateStores(String channels, String applications, String windows, String seen, String seenExpiry,
                         String conversationStatus, String comments) {
}
