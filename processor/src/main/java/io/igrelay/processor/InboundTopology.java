package io.igrelay.processor;

import static io.igrelay.processor.ProcessorTopology.COMMENT_BOOK;
import static io.igrelay.processor.ProcessorTopology.DEDUP;
import static io.igrelay.processor.ProcessorTopology.ECHO_MATCH;
import static io.igrelay.processor.ProcessorTopology.EVENTS_BY_IGSID;
import static io.igrelay.processor.ProcessorTopology.EVENTS_SINK;
import static io.igrelay.processor.ProcessorTopology.NORMALISE;
import static io.igrelay.processor.ProcessorTopology.RAW_SOURCE;
import static io.igrelay.processor.ProcessorTopology.SEEN_RECEIPTS;
import static io.igrelay.processor.ProcessorTopology.WINDOW_TRACKER;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.processor.comments.CommentBookProcessor;
import io.igrelay.processor.dedup.DedupProcessor;
import io.igrelay.processor.inbound.NormaliseProcessor;
import io.igrelay.processor.status.EchoMatcherProcessor;
import io.igrelay.processor.status.SeenReceiptProcessor;
import io.igrelay.processor.windows.WindowTrackerProcessor;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Inbound (tested by InboundTopologyTest): raw deliveries keyed by account → events keyed by IGSID, repartitioned so
 * each IGSID has one owner; redeliveries dropped; echoes of the hub's own sends removed; the rest to ig.events; user
 * actions open and extend windows; seen receipts mark earlier sent messages read.
 */
final class InboundTopology {

    /** What the inbound flow hands on: window changes (to ig.windows) and read statuses (to ig.message.status). */
    record Outputs(KStream<String, ConversationWindow> windowChanges, KStream<String, MessageStatus> reads) {
    }

    private InboundTopology() {
    }

    static Outputs build(TopologyParts parts) {
        TopologySettings settings = parts.settings();
        KStream<String, InstagramEvent> byIgsid = parts.builder().stream(parts.topic(Topics.WEBHOOKS_RAW),
                        Consumed.with(parts.keys(), parts.serdes().forType(WebhookDelivery.class))
                                .withName(RAW_SOURCE))
                .process(() -> new NormaliseProcessor(ProcessorStores.CHANNEL_DIRECTORY, parts.counters()),
                        Named.as(NORMALISE))
                .repartition(Repartitioned.with(parts.keys(), parts.unchangedEvents().source())
                        .withName(EVENTS_BY_IGSID).withNumberOfPartitions(parts.topics().partitions()));
        // drop redeliveries within the horizon
        KStream<String, InstagramEvent> fresh = byIgsid.process(() -> new DedupProcessor(ProcessorStores.DEDUP,
                        ProcessorStores.DEDUP_EXPIRY, settings.dedupHorizon(), settings.punctuateInterval(),
                        parts.counters()),
                Named.as(DEDUP), ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY);
        // echoes of the hub's own sends vanish; others wait out the grace period; the rest goes to ig.events
        fresh.process(() -> new EchoMatcherProcessor(parts.statusStores(), settings.echoGrace(),
                                settings.punctuateInterval(), parts.counters()), Named.as(ECHO_MATCH),
                        ProcessorStores.SENT_MIDS, ProcessorStores.HELD_ECHOES, ProcessorStores.HELD_ECHO_EXPIRY)
                .to(parts.topic(Topics.EVENTS), Produced.with(parts.keys(), parts.unchangedEvents().sink())
                        .withName(EVENTS_SINK));
        // user actions open/extend windows; the deadline index drives expiry
        KStream<String, ConversationWindow> windowChanges = fresh.process(() -> new WindowTrackerProcessor(
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, settings.windowRules(),
                        settings.punctuateInterval()), Named.as(WINDOW_TRACKER),
                ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES);
        // comments are filed for the gate's private-reply rule
        fresh.filter((k, e) -> e.getKind() == EventKind.COMMENT, Named.as(COMMENT_BOOK + "-filter"))
                .process(() -> new CommentBookProcessor(ProcessorStores.COMMENTS, ProcessorStores.COMMENT_EXPIRY,
                        settings.punctuateInterval()), Named.as(COMMENT_BOOK), ProcessorStores.COMMENTS,
                        ProcessorStores.COMMENT_EXPIRY);
        // seen receipts mark earlier sent messages read
        KStream<String, MessageStatus> reads = fresh.filter((k, e) -> e.getKind() == EventKind.SEEN,
                        Named.as(SEEN_RECEIPTS + "-filter"))
                .process(() -> new SeenReceiptProcessor(ProcessorStores.CONVERSATION_STATUS),
                        Named.as(SEEN_RECEIPTS), ProcessorStores.CONVERSATION_STATUS);
        return new Outputs(windowChanges, reads);
    }
}
