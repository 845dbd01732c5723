package io.igrelay.processor.deletion;

/** Names of the conversation stores an IGSID erasure clears (the comments store: the IGSID's comments). */
public record ErasureStores(String windows, String deadlines, String seen, String conversationStatus,
                            String sentMids, String comments) {
}
