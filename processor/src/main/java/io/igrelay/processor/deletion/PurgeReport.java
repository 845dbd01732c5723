package io.igrelay.processor.deletion;

/**
 * What one IGSID task purged for one account deletion (internal report topic, keyed by confirmation code, JSON).
 * The tally completes the deletion once {@code purge.expectedReports()} reports have arrived.
 */
public record PurgeReport(ChannelPurge purge, long windows) {
}
