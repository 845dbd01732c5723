package io.igrelay.processor.inbound;

import java.time.Instant;

/** Where a messaging item sits: its entry's account, whether it came as standby or as the dashboard test form. */
record ItemContext(String accountId, boolean standby, boolean test, String deliveryId, Instant receivedAt) {
}
