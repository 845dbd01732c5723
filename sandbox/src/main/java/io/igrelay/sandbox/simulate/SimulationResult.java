package io.igrelay.sandbox.simulate;

/**
 * What a simulated user action produced: the Meta mid (null for seen receipts and referrals; the comment id for a
 * comment), its timestamp in epoch ms, and whether a webhook was queued (false when the account has not subscribed to
 * that field).
 */
public record SimulationResult(String mid, long timestamp, String accountId, String igsid, String field,
        boolean queued) {
}
