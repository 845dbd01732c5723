package io.igrelay.processor.outbound;

/** Names of the stores the gate reads: the two global directories and the conversation stores it shares. */
public record GateStores(String channels, String applications, String windows, String seen, String seenExpiry) {
}
