package io.igrelay.processor.comments;

import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.state.ExpiryIndex;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files every new COMMENT event in the comments store (key = comment id, on its author's IGSID partition), so the
 * outbound gate can apply the private-reply rule ({@link PrivateReplyRule}). A comment is kept for
 * {@link #RETENTION} after it was made, past its 7 days, so a late private reply is refused as expired rather than
 * unknown; a wall-clock punctuator removes older ones with range scans of the expiry index.
 */
public final class CommentBookProcessor implements Processor<String, InstagramEvent, Void, Void> {

    /** How long a comment stays known after it was made. */
    public static final Duration RETENTION = Duration.ofDays(14);
    private static final int PURGE_BATCH = 10_000;

    private final String commentStore;
    private final String expiryStore;
    private final Duration purgeInterval;
    private KeyValueStore<String, CommentFacts> comments;
    private ExpiryIndex expiry;

    public CommentBookProcessor(String commentStore, String expiryStore, Duration purgeInterval) {
        this.commentStore = commentStore;
        this.expiryStore = expiryStore;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.comments = context.getStateStore(commentStore);
        this.expiry = new ExpiryIndex(context.getStateStore(expiryStore));
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent event = record.value();
        if (event == null || event.getKind() != EventKind.COMMENT || event.getComment() == null) {
            return;
        }
        String commentId = event.getComment().getCommentId();
        if (comments.get(commentId) != null) {
            return;
        }
        CommentFacts facts = CommentFacts.of(event);
        comments.put(commentId, facts);
        expiry.add(facts.commentedAt() + RETENTION.toMillis(), commentId);
    }

    private void purge(long now) {
        for (ExpiryIndex.Due due : expiry.takeDue(now, PURGE_BATCH)) {
            comments.delete(due.ownerKey());
        }
    }
}
