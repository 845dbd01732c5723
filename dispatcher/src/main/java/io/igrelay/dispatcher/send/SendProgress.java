package io.igrelay.dispatcher.send;

import java.util.ArrayList;
import java.util.List;

/*
 * What has happened so far to one dispatch record across its attempts in this process: how many of its calls Meta
 * accepted (so a caption retry never re-sends the image), the mids, the calls made, whether a call may have been
 * accepted without an answer (or an earlier run's attempt record says a call may have been made), whether this
 * run's attempt record is on the ledger, and the outcome once decided (so a failed Kafka write never repeats the call).
 * Only the worker of the record's conversation touches it, one attempt at a time.
 */
final class SendProgress {

    final List<String> mids = new ArrayList<>();
    int callsDone;
    int attempts;
    int retries;
    boolean maybeAccepted;
    boolean attemptRecorded;
    /** Why Meta last could not be reached, while it is away (null otherwise); named when the deadline passes. */
    String metaAwayReason;
    FinalOutcome decided;
}
