package io.igrelay.processor;

import io.igrelay.avro.MessageStatus;
import io.igrelay.processor.failure.HoldingGlobalProcessor.GlobalStoreGuard;
import io.igrelay.processor.state.JsonSerde;
import io.igrelay.processor.status.StatusByIdProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The processor's topology, pure: no I/O and no clock reads outside records and punctuators. Every
 * node, store and repartition topic is named by a constant of {@link ProcessorStores} or here, so changelog and
 * repartition topic names never drift. Layout and the reasons for it: docs/decisions.md ("processor state").
 */
public final class ProcessorTopology {

    public static final String RAW_SOURCE = "webhooks-raw-source";
    public static final String NORMALISE = "normalise";
    public static final String EVENTS_BY_IGSID = "events-by-igsid";
    public static final String DEDUP = "dedup";
    public static final String ECHO_MATCH = "echo-match";
    public static final String EVENTS_SINK = "events-sink";
    public static final String WINDOW_TRACKER = "window-tracker";
    public static final String WINDOWS_SINK = "windows-sink";
    public static final String SEEN_RECEIPTS = "seen-receipts";
    public static final String COMMENT_BOOK = "comment-book";
    public static final String REQUESTS_SOURCE = "outbound-requests-source";
    public static final String GATE = "outbound-gate";
    public static final String DISPATCH_SINK = "dispatch-sink";
    public static final String STATUS_SOURCE = "message-status-source";
    public static final String STATUS_TABLE = "status-table";
    public static final String META_WINDOW_CLOSE = "meta-window-close";
    public static final String STATUS_BY_MESSAGE = "status-by-message";
    public static final String STATUS_BY_ID = "status-by-id";
    public static final String CHANNEL_EVENTS_SOURCE = "channel-events-source";
    public static final String CHANNEL_FOLD = "channel-fold";
    public static final String CHANNELS_SINK = "channels-sink";
    public static final String WEBHOOK_EVENTS_SOURCE = "webhook-events-source";
    public static final String WEBHOOK_FOLD = "webhook-fold";
    public static final String DELETIONS_SOURCE = "deletions-source";
    public static final String ACCOUNT_DELETION = "account-deletion";
    public static final String ERASURE = "erasure";
    public static final String CHANNEL_PURGES = "channel-purge-requests";
    public static final String LEDGER_SOURCE = "dispatch-ledger-source";
    public static final String CONVERSATION_COMMANDS = "conversation-commands";
    public static final String LEDGER_MIDS = "ledger-mids";
    public static final String CHANNEL_PURGE = "channel-window-purge";
    public static final String PURGE_REPORTS = "deletion-purge-reports";
    public static final String DELETION_TALLY = "deletion-tally";

    private ProcessorTopology() {
    }

    /**
     * The whole topology, built by one builder per sub-topology (each mirrors a test class); the order of the calls
     * is the order the nodes were always added in, so sub-topology numbers and internal topic names stay as they were.
     *
     * @param guard how the global stores' feeds hold a record while the registry is away (the service's gate)
     */
    public static Topology build(TopicLayout topics, AvroSerdes serdes, TopologySettings settings,
                                 ProcessorCounters counters, GlobalStoreGuard guard) {
        StreamsBuilder builder = new StreamsBuilder();
        TopologyParts parts = TopologyParts.of(builder, topics, serdes, settings, counters);
        ProcessorStores.register(builder, topics, serdes, settings, parts.unchangedWindows().encoder(), guard);

        InboundTopology.Outputs inbound = InboundTopology.build(parts);
        KStream<String, MessageStatus> gateStatuses = OutboundGateTopology.build(parts);
        StatusTopology.Outputs status = StatusTopology.build(parts);
        ConversationInputsTopology.Outputs removals = ConversationInputsTopology.build(parts);

        Serde<String> keys = parts.keys();
        // every window change (user action, expiry, Meta closure, erasure, purge) -> ig.windows
        inbound.windowChanges().merge(status.metaClosures(), Named.as("window-changes"))
                .merge(removals.erasedWindows(), Named.as("window-changes-erased"))
                .merge(removals.purgedWindows(), Named.as("window-changes-all"))
                .to(topics.name(Topics.WINDOWS), Produced.with(keys, parts.unchangedWindows().sink())
                        .withName(WINDOWS_SINK));
        // gate decisions and read receipts -> ig.message.status (read back by the status table)
        gateStatuses.merge(inbound.reads(), Named.as("processor-statuses"))
                .to(topics.name(Topics.MESSAGE_STATUS), Produced.with(keys, serdes.forType(MessageStatus.class))
                        .withName("status-sink"));
        status.rows().merge(removals.erasedRows(), Named.as("status-rows"))
                .repartition(Repartitioned.with(keys, JsonSerde.of(StatusView.class)).withName(STATUS_BY_MESSAGE))
                .process(() -> new StatusByIdProcessor(ProcessorStores.STATUS_BY_ID), Named.as(STATUS_BY_ID),
                        ProcessorStores.STATUS_BY_ID);

        StateOwnerTopology.build(parts);
        return builder.build();
    }
}
