package io.igrelay.processor.status;

import io.igrelay.avro.MessageStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The status table's row for one outbound message (contract §5.2 GET shape): the current status, the error if any,
 * Meta's mids, when it was sent, and a bounded history (newest last). Times are epoch millis; stored as JSON in
 * the processor's own stores only.
 */
public record StatusView(String messageId, String applicationId, String channelId, String to, String status,
                         String errorCode, String errorMessage, String channelErrorCode, List<String> metaMessageIds,
                         Long sentAt, long updatedAt, List<Step> history) {

    static final int HISTORY_LIMIT = 20;

    public StatusView {
        metaMessageIds = metaMessageIds == null ? List.of() : List.copyOf(metaMessageIds);
        history = history == null ? List.of() : List.copyOf(history);
    }

    static StatusView first(MessageStatus s, long at) {
        return new StatusView(s.getMessageId(), s.getApplicationId(), s.getChannelId(), s.getTo(),
                s.getStatus().name(), s.getErrorCode(), s.getErrorMessage(), s.getChannelErrorCode(),
                s.getMetaMessageIds(), sentAt(s, null, at), at, List.of(new Step(s.getStatus().name(), at)));
    }

    StatusView advance(MessageStatus s, long at) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(s.getStatus().name(), at));
        if (steps.size() > HISTORY_LIMIT) {
            steps = steps.subList(steps.size() - HISTORY_LIMIT, steps.size());
        }
        List<String> mids = s.getMetaMessageIds().isEmpty() ? metaMessageIds : s.getMetaMessageIds();
        return new StatusView(messageId, or(s.getApplicationId(), applicationId), or(s.getChannelId(), channelId),
                to, s.getStatus().name(), s.getErrorCode(), s.getErrorMessage(), s.getChannelErrorCode(), mids,
                sentAt(s, sentAt, at), at, steps);
    }

    private static Long sentAt(MessageStatus s, Long previous, long at) {
        return "SENT".equals(s.getStatus().name()) && previous == null ? Long.valueOf(at) : previous;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    /** One status change. */
    public record Step(String status, long at) {
    }
}
