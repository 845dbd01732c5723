package io.igrelay.processor.status;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.processor.inbound.MetaTimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Meta's seen receipt names the last message the user saw (contract §6.4): every SENT message of that conversation sent
 * no later than it becomes READ. The READ statuses go to ig.message.status like any other status, and come back
 * through the status table; a prefix scan over the conversation's rows finds them.
 */
public final class SeenReceiptProcessor implements Processor<String, InstagramEvent, String, MessageStatus> {

    private final String conversationStatus;
    private KeyValueStore<String, StatusView> table;
    private ProcessorContext<String, MessageStatus> context;

    public SeenReceiptProcessor(String conversationStatus) {
        this.conversationStatus = conversationStatus;
    }

    @Override
    public void init(ProcessorContext<String, MessageStatus> context) {
        this.context = context;
        this.table = context.getStateStore(conversationStatus);
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent seen = record.value();
        if (seen == null || seen.getKind() != EventKind.SEEN) {
            return;
        }
        List<StatusView> sent = new ArrayList<>();
        long threshold = MetaTimeRange.effective(seen).toEpochMilli();
        try (KeyValueIterator<String, StatusView> rows = table.prefixScan(seen.getIgsid() + "|",
                new StringSerializer())) {
            rows.forEachRemaining(row -> {
                if ("SENT".equals(row.value.status())) {
                    sent.add(row.value);
                }
            });
        }
        for (StatusView row : sent) {
            if (row.metaMessageIds().contains(seen.getMid()) && row.sentAt() != null) {
                threshold = Math.max(threshold, row.sentAt());
            }
        }
        Instant at = MetaTimeRange.effective(seen);
        for (StatusView row : sent) {
            if (row.sentAt() != null && row.sentAt() <= threshold) {
                context.forward(new Record<>(row.to(), MessageStatus.newBuilder().setMessageId(row.messageId())
                        .setApplicationId(row.applicationId()).setChannelId(row.channelId()).setTo(row.to())
                        .setStatus(DeliveryState.READ).setMetaMessageIds(row.metaMessageIds())
                        .setDecisionTime(at).setAt(at).build(), record.timestamp()));
            }
        }
    }
}
