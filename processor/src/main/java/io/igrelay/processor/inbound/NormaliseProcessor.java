package io.igrelay.processor.inbound;

import io.igrelay.avro.Channel;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.channels.ChannelDirectory;
import io.igrelay.processor.state.LowLoadCommits;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ig.webhooks.raw → one InstagramEvent per messaging item, re-keyed by IGSID, in Meta timestamp order (contract §6.1),
 * each written with the raw record's timestamp (a trusted clock), never Meta's. The channel is resolved by the
 * item's account via the global channel directory; an account no channel holds now (unknown, or its channel
 * disconnected) gives metadata only and is counted. A malformed
 * delivery is logged with topic/partition/offset, counted and skipped.
 */
public final class NormaliseProcessor implements Processor<String, WebhookDelivery, String, InstagramEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NormaliseProcessor.class);

    private final String channelStore;
    private final ProcessorCounters counters;
    private final WebhookNormaliser normaliser = new WebhookNormaliser();
    private ProcessorContext<String, InstagramEvent> context;
    private ChannelDirectory channels;
    private LowLoadCommits commits;

    public NormaliseProcessor(String channelStore, ProcessorCounters counters) {
        this.channelStore = channelStore;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, InstagramEvent> context) {
        this.context = context;
        KeyValueStore<String, Channel> store = context.getStateStore(channelStore);
        this.channels = new ChannelDirectory(store);
        this.commits = LowLoadCommits.schedule(context);
    }

    @Override
    public void process(Record<String, WebhookDelivery> record) {
        if (record.value() == null) {
            return;
        }
        WebhookNormaliser.Normalised normalised;
        try {
            normalised = normaliser.normalise(record.value());
        } catch (MalformedWebhookException e) {
            counters.malformedDeliveries.incrementAndGet();
            LOG.warn("Skipped malformed webhook delivery {} at {}: {}", record.value().getDeliveryId(),
                    where(), e.getMessage());
            return;
        }
        if (normalised.skippedItems() > 0) {
            counters.malformedItems.addAndGet(normalised.skippedItems());
            LOG.warn("Skipped {} unreadable item(s) of webhook delivery {} at {}", normalised.skippedItems(),
                    record.value().getDeliveryId(), where());
        }
        if (normalised.truncatedItems() > 0) {
            counters.truncatedItems.addAndGet(normalised.truncatedItems());
            LOG.warn("Cut the free text of {} oversized item(s) of webhook delivery {} at {} to {} characters per field",
                    normalised.truncatedItems(), record.value().getDeliveryId(), where(),
                    ItemSizeLimit.MAX_FIELD_CHARS);
        }
        for (InstagramEvent event : normalised.events()) {
            if (event.getTimestampOutOfRange()) {
                counters.timestampsOutOfRange.incrementAndGet();
            }
            InstagramEvent resolved = resolve(event);
            // the raw record's timestamp (set when the ingress wrote it), never Meta's: the broker refuses a
            // timestamp far from its clock, and stream time must not jump to wherever a payload says
            context.forward(new Record<>(resolved.getIgsid(), resolved, record.timestamp()));
            commits.forwarded(record.value().getReceivedAt().toEpochMilli());
        }
    }

    /**
     * Sets the channel that holds the account now, or withholds the content (as for an unknown account) when none
     * does, e.g. its channel was disconnected; in place, since the normaliser's events are new and not shared.
     */
    private InstagramEvent resolve(InstagramEvent event) {
        Optional<Channel> channel = channels.holderOf(event.getIgAccountId());
        if (channel.isEmpty()) {
            counters.unknownAccountEvents.incrementAndGet();
            ContentWithholding.withholdInPlace(event);
            return event;
        }
        event.setChannelId(channel.get().getChannelId());
        return event;
    }

    private String where() {
        return context.recordMetadata().map(NormaliseProcessor::describe).orElse("unknown position");
    }

    private static String describe(RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "@" + m.offset();
    }
}
