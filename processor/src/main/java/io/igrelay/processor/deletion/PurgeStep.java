package io.igrelay.processor.deletion;

/**
 * Output of a channel purge on one task: a window tombstone for ig.windows ({@code igsid} set) or, last, the
 * task's report for the deletion tally ({@code report} set).
 */
public record PurgeStep(String igsid, PurgeReport report) {

    static PurgeStep tombstone(String igsid) {
        return new PurgeStep(igsid, null);
    }

    static PurgeStep report(PurgeReport report) {
        return new PurgeStep(null, report);
    }

    public boolean isTombstone() {
        return igsid != null;
    }
}
