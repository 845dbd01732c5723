package io.igrelay.processor.status;

/** Names of the conversation-side status stores (all keyed within one IGSID partition). */
public record StatusStores(String conversationStatus, String statusExpiry, String sentMids, String sentMidExpiry,
                           String heldEchoes, String heldEchoExpiry) {
}
