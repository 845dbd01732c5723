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
 * ig.webhooks.raw → one InstagramEvent per messaging item, re-keyed by IGSID, in Meta timestamp order (SPEC 6.1).
 * The channel is resolved by the item's account via the global channel directory; unknown accounts give metadata
 * only and are counted. A malformed delivery is logged with topic/partition/offset, counted and skipped.
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
        for (InstagramEvent event : normalised.events()) {
            InstagramEvent resolved = resolve(event);
            context.forward(new Record<>(resolved.getIgsid(), resolved, event.getTimestamp().toEpochMilli()));
            commits.forwarded(record.value().getReceivedAt().toEpochMilli());
        }
    }

    /** Sets the channel, or withholds the content, in place: the normaliser's events are new and not shared. */
    private InstagramEvent resolve(InstagramEvent event) {
        Optional<Channel> channel = channels.byAccount(event.getIgAccountId());
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
