package io.igrelay.processor.deletion;

/** Names of the conversation stores an IGSID erasure clears. */
public record ErasureStores(String windows, String deadlines, String seen, String conversationStatus,
                            String sentMids) {
}
