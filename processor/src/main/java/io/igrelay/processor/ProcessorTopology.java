package io.igrelay.processor;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.processor.channels.ChannelDirectoryUpdater;
import io.igrelay.processor.channels.ChannelFoldProcessor;
import io.igrelay.processor.commands.CommandPartitioner;
import io.igrelay.processor.commands.ConversationCommand;
import io.igrelay.processor.commands.ConversationCommandSerde;
import io.igrelay.processor.deadletter.DeadLetters;
import io.igrelay.processor.dedup.DedupProcessor;
import io.igrelay.processor.deletion.AccountDeletionProcessor;
import io.igrelay.processor.deletion.ChannelWindowPurgeProcessor;
import io.igrelay.processor.deletion.DeletionOutcome;
import io.igrelay.processor.deletion.DeletionTallyProcessor;
import io.igrelay.processor.deletion.ErasureProcessor;
import io.igrelay.processor.deletion.ErasureStores;
import io.igrelay.processor.deletion.PurgeReport;
import io.igrelay.processor.deletion.PurgeStep;
import io.igrelay.processor.inbound.NormaliseProcessor;
import io.igrelay.processor.outbound.AccountPartitioner;
import io.igrelay.processor.outbound.GateDecision;
import io.igrelay.processor.outbound.GateStores;
import io.igrelay.processor.outbound.OutboundGateProcessor;
import io.igrelay.processor.state.GlobalPutProcessor;
import io.igrelay.processor.state.JsonSerde;
import io.igrelay.processor.state.UnchangedBytes;
import io.igrelay.processor.status.EchoMatcherProcessor;
import io.igrelay.processor.status.LedgerMidsProcessor;
import io.igrelay.processor.status.SeenReceiptProcessor;
import io.igrelay.processor.status.StatusByIdProcessor;
import io.igrelay.processor.status.StatusStores;
import io.igrelay.processor.status.StatusTableProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.webhooks.WebhookFoldProcessor;
import io.igrelay.processor.windows.MetaWindowCloseProcessor;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.processor.windows.WindowTrackerProcessor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The processor's topology, pure: no I/O and no clock reads outside records and punctuators (STYLE.md). Every
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

    public static Topology build(TopicLayout topics, AvroSerdes serdes, TopologySettings settings,
                                 ProcessorCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        Serde<InstagramEvent> eventSerde = serdes.forType(InstagramEvent.class);
        // events pass from the repartition topic to ig.events as they arrived: the sink reuses their bytes
        UnchangedBytes<InstagramEvent> unchangedEvents = new UnchangedBytes<>(eventSerde);
        Serde<MessageStatus> statusSerde = serdes.forType(MessageStatus.class);
        Serde<ConversationWindow> windowSerde = serdes.forType(ConversationWindow.class);
        // a changed window is encoded once, for its store, and ig.windows gets the same bytes
        UnchangedBytes<ConversationWindow> unchangedWindows = new UnchangedBytes<>(windowSerde);
        Serde<StatusView> viewSerde = JsonSerde.of(StatusView.class);
        ProcessorStores.register(builder, topics, serdes, settings, unchangedWindows.encoder());
        WindowMath math = new WindowMath(settings.windowRules());

        // raw deliveries (keyed by account) -> events keyed by IGSID, repartitioned so each IGSID has one owner
        KStream<String, InstagramEvent> byIgsid = builder.stream(topics.name(Topics.WEBHOOKS_RAW),
                        Consumed.with(keys, serdes.forType(WebhookDelivery.class)).withName(RAW_SOURCE))
                .process(() -> new NormaliseProcessor(ProcessorStores.CHANNEL_DIRECTORY, counters),
                        Named.as(NORMALISE))
                .repartition(Repartitioned.with(keys, unchangedEvents.source()).withName(EVENTS_BY_IGSID)
                        .withNumberOfPartitions(topics.partitions()));
        // drop redeliveries within the horizon
        KStream<String, InstagramEvent> fresh = byIgsid.process(() -> new DedupProcessor(ProcessorStores.DEDUP,
                ProcessorStores.DEDUP_EXPIRY, settings.dedupHorizon(), settings.punctuateInterval(), counters),
                Named.as(DEDUP), ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY);
        // echoes of the hub's own sends vanish; others wait out the grace period; the rest goes to ig.events
        StatusStores statusStores = ProcessorStores.statusStores();
        fresh.process(() -> new EchoMatcherProcessor(statusStores, settings.echoGrace(),
                                settings.punctuateInterval(), counters), Named.as(ECHO_MATCH),
                        ProcessorStores.SENT_MIDS, ProcessorStores.HELD_ECHOES, ProcessorStores.HELD_ECHO_EXPIRY)
                .to(topics.name(Topics.EVENTS), Produced.with(keys, unchangedEvents.sink()).withName(EVENTS_SINK));
        // user actions open/extend windows; the deadline index drives expiry
        KStream<String, ConversationWindow> windowChanges = fresh.process(() -> new WindowTrackerProcessor(
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, settings.windowRules(),
                        settings.punctuateInterval()), Named.as(WINDOW_TRACKER),
                ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES);
        // seen receipts mark earlier sent messages read
        KStream<String, MessageStatus> reads = fresh.filter((k, e) -> e.getKind() == EventKind.SEEN,
                        Named.as(SEEN_RECEIPTS + "-filter"))
                .process(() -> new SeenReceiptProcessor(ProcessorStores.CONVERSATION_STATUS),
                        Named.as(SEEN_RECEIPTS), ProcessorStores.CONVERSATION_STATUS);

        // the outbound gate: request -> DispatchCommand (partitioned by account) + ENQUEUED/REJECTED status
        GateStores gateStores = new GateStores(ProcessorStores.CHANNEL_DIRECTORY, ProcessorStores.APPLICATIONS,
                ProcessorStores.WINDOWS, ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY,
                ProcessorStores.CONVERSATION_STATUS);
        // the outbound topics are decoded in the topology: what does not decode goes to ig.outbound.dlq (SPEC 8)
        DeadLetters deadLetters = new DeadLetters(topics.name(Topics.OUTBOUND_DLQ), serdes.forType(DeadLetter.class));
        KStream<String, GateDecision> decisions = deadLetters.stream(builder, topics.name(Topics.OUTBOUND_REQUESTS),
                        serdes.forType(OutboundMessage.class), REQUESTS_SOURCE)
                .process(() -> new OutboundGateProcessor(gateStores, math, settings.dedupHorizon(), counters),
                        Named.as(GATE), ProcessorStores.WINDOWS, ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY,
                        ProcessorStores.CONVERSATION_STATUS);
        decisions.filter((k, d) -> d.accepted(), Named.as(GATE + "-accepted"))
                .map((k, d) -> KeyValue.pair(AccountPartitioner.conversationKey(d.command().getIgAccountId(),
                        d.command().getIgsid()), d.command()), Named.as(GATE + "-by-account"))
                .to(topics.name(Topics.OUTBOUND_DISPATCH), Produced.with(keys, serdes.forType(DispatchCommand.class))
                        .withStreamPartitioner(new AccountPartitioner<>()).withName(DISPATCH_SINK));
        KStream<String, MessageStatus> gateStatuses = decisions
                .filter((k, d) -> d.hasStatus(), Named.as(GATE + "-with-status"))
                .mapValues(GateDecision::status, Named.as(GATE + "-status"));

        // status table by conversation, then by message id for queries; Meta window errors close windows
        KStream<String, MessageStatus> statuses = deadLetters.stream(builder, topics.name(Topics.MESSAGE_STATUS),
                statusSerde, STATUS_SOURCE);
        KStream<String, StatusView> rows = statuses.process(() -> new StatusTableProcessor(statusStores,
                        settings.statusRetention(), settings.dedupHorizon(), settings.punctuateInterval()),
                Named.as(STATUS_TABLE), ProcessorStores.CONVERSATION_STATUS, ProcessorStores.STATUS_EXPIRY,
                ProcessorStores.SENT_MIDS, ProcessorStores.SENT_MID_EXPIRY, ProcessorStores.HELD_ECHOES);
        KStream<String, ConversationWindow> metaClosures = statuses.process(() -> new MetaWindowCloseProcessor(
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, settings.windowRules()),
                Named.as(META_WINDOW_CLOSE), ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES);

        // the low-volume inputs of the conversation tasks share one internal topic, keyed by IGSID (decisions.md,
        // "processor: conversation task inputs"): the dispatcher's SENT ledger records (the hub's own mids, for echo
        // matching), end-user erasures, and account deletions' purge requests (multicast to every task)
        KStream<String, ConversationCommand> sentMessages = builder.stream(topics.name(Topics.DISPATCH_LEDGER),
                        Consumed.with(keys, serdes.forType(SendRecord.class)).withName(LEDGER_SOURCE))
                .filter((k, r) -> r != null && r.getOutcome() == SendOutcome.SENT, Named.as(LEDGER_SOURCE + "-sent"))
                .map((k, r) -> KeyValue.pair(LedgerMidsProcessor.igsidOf(r.getConversationKey()),
                        (ConversationCommand) new ConversationCommand.Sent(r)), Named.as(LEDGER_SOURCE + "-by-igsid"));
        // deletions: app-scoped users by channel (their purge reaches every task), end users on their IGSID's task
        KStream<String, DeletionRequest> deletions = builder.stream(topics.name(Topics.DELETIONS),
                Consumed.with(keys, serdes.forType(DeletionRequest.class)).withName(DELETIONS_SOURCE));
        KStream<String, DeletionOutcome> accountDeletions = deletions.process(
                () -> new AccountDeletionProcessor(ProcessorStores.CHANNEL_DIRECTORY, topics.partitions()),
                Named.as(ACCOUNT_DELETION));
        KStream<String, ConversationCommand> erasureRequests = deletions
                .filter((k, d) -> d.getSubjectType() == DeletionSubject.IGSID, Named.as(ERASURE + "-filter"))
                .map((k, d) -> KeyValue.pair(d.getSubjectId(), (ConversationCommand) new ConversationCommand.Erase(d)),
                        Named.as(ERASURE + "-by-igsid"));
        KStream<String, ConversationCommand> purgeRequests = accountDeletions
                .filter((k, o) -> o.purge() != null, Named.as(CHANNEL_PURGES + "-filter"))
                .mapValues(o -> (ConversationCommand) new ConversationCommand.Purge(o.purge()),
                        Named.as(CHANNEL_PURGES + "-request"));
        KStream<String, ConversationCommand> commands = sentMessages
                .merge(erasureRequests, Named.as(CONVERSATION_COMMANDS + "-erasures"))
                .merge(purgeRequests, Named.as(CONVERSATION_COMMANDS + "-purges"))
                .repartition(Repartitioned.with(keys, ConversationCommandSerde.of(serdes))
                        .withName(CONVERSATION_COMMANDS).withNumberOfPartitions(topics.partitions())
                        .withStreamPartitioner(new CommandPartitioner()));
        commands.filter((k, c) -> c instanceof ConversationCommand.Sent, Named.as(LEDGER_MIDS + "-filter"))
                .mapValues(c -> ((ConversationCommand.Sent) c).record(), Named.as(LEDGER_MIDS + "-record"))
                .process(() -> new LedgerMidsProcessor(statusStores, settings.dedupHorizon(),
                                settings.punctuateInterval()), Named.as(LEDGER_MIDS), ProcessorStores.SENT_MIDS,
                        ProcessorStores.SENT_MID_EXPIRY, ProcessorStores.HELD_ECHOES);
        ErasureStores erasureStores = new ErasureStores(ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES,
                ProcessorStores.DEDUP, ProcessorStores.CONVERSATION_STATUS, ProcessorStores.SENT_MIDS);
        KStream<String, DeletionOutcome> erasures = commands
                .filter((k, c) -> c instanceof ConversationCommand.Erase, Named.as(ERASURE + "-command"))
                .mapValues(c -> ((ConversationCommand.Erase) c).request(), Named.as(ERASURE + "-request"))
                .process(() -> new ErasureProcessor(erasureStores, settings.windowRules()), Named.as(ERASURE),
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, ProcessorStores.DEDUP,
                        ProcessorStores.CONVERSATION_STATUS, ProcessorStores.SENT_MIDS);
        // account deletions and IGSID erasures are wired apart, never merged: a merge would join the deletions
        // source and the purge reports to the conversation sub-topology, two more inputs that its task checks on
        // every record (decisions.md, "processor: conversation task inputs")
        accountDeletions.flatMap((k, o) -> o.channelDeletions().stream()
                        .map(e -> KeyValue.pair(e.getChannelId(), e)).toList(), Named.as("deletion-channel-events"))
                .to(topics.name(Topics.CHANNEL_EVENTS), Produced.with(keys, serdes.forType(ChannelEvent.class))
                        .withName("deletion-channel-events-sink"));
        Produced<String, DeletionStatus> deletionStatuses = Produced.with(keys,
                serdes.forType(DeletionStatus.class));
        accountDeletions.mapValues(DeletionOutcome::status, Named.as("deletion-status"))
                .to(topics.name(Topics.DELETION_STATUS), deletionStatuses.withName("deletion-status-sink"));
        erasures.mapValues(DeletionOutcome::status, Named.as("erasure-status"))
                .to(topics.name(Topics.DELETION_STATUS), deletionStatuses.withName("erasure-status-sink"));
        KStream<String, ConversationWindow> erasedWindows = erasures
                .filter((k, o) -> o.windowRemoved(), Named.as("erased-window-filter"))
                .map((k, o) -> KeyValue.pair(o.erasedIgsid(), (ConversationWindow) null), Named.as("erased-window"));
        KStream<String, StatusView> erasedRows = erasures.flatMap((k, o) -> o.removedMessageIds().stream()
                .map(id -> KeyValue.pair(id, (StatusView) null)).toList(), Named.as("erased-status-rows"));
        // account deletions: every IGSID task purges the deleted channels' windows and reports; the tally completes
        KStream<String, PurgeStep> purgeSteps = commands
                .filter((k, c) -> c instanceof ConversationCommand.Purge, Named.as(CHANNEL_PURGE + "-command"))
                .mapValues(c -> ((ConversationCommand.Purge) c).purge(), Named.as(CHANNEL_PURGE + "-request"))
                .process(() -> new ChannelWindowPurgeProcessor(ProcessorStores.WINDOWS,
                                ProcessorStores.WINDOW_DEADLINES, settings.windowRules()), Named.as(CHANNEL_PURGE),
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES);
        KStream<String, ConversationWindow> purgedWindows = purgeSteps
                .filter((k, step) -> step.isTombstone(), Named.as(CHANNEL_PURGE + "-windows"))
                .mapValues(step -> (ConversationWindow) null, Named.as(CHANNEL_PURGE + "-tombstones"));
        purgeSteps.filter((k, step) -> !step.isTombstone(), Named.as(CHANNEL_PURGE + "-reports"))
                .mapValues(PurgeStep::report, Named.as(CHANNEL_PURGE + "-report"))
                .repartition(Repartitioned.with(keys, JsonSerde.of(PurgeReport.class)).withName(PURGE_REPORTS))
                .process(() -> new DeletionTallyProcessor(ProcessorStores.DELETION_TALLIES), Named.as(DELETION_TALLY),
                        ProcessorStores.DELETION_TALLIES)
                .to(topics.name(Topics.DELETION_STATUS), deletionStatuses.withName("deletion-tally-sink"));

        // every window change (user action, expiry, Meta closure, erasure) -> ig.windows
        windowChanges.merge(metaClosures, Named.as("window-changes")).merge(erasedWindows,
                        Named.as("window-changes-erased")).merge(purgedWindows, Named.as("window-changes-all"))
                .to(topics.name(Topics.WINDOWS), Produced.with(keys, unchangedWindows.sink()).withName(WINDOWS_SINK));
        // gate decisions and read receipts -> ig.message.status (read back above by the status table)
        gateStatuses.merge(reads, Named.as("processor-statuses"))
                .to(topics.name(Topics.MESSAGE_STATUS), Produced.with(keys, statusSerde).withName("status-sink"));
        rows.merge(erasedRows, Named.as("status-rows"))
                .repartition(Repartitioned.with(keys, viewSerde).withName(STATUS_BY_MESSAGE))
                .process(() -> new StatusByIdProcessor(ProcessorStores.STATUS_BY_ID), Named.as(STATUS_BY_ID),
                        ProcessorStores.STATUS_BY_ID);

        // state owner folds: ig.channel.events -> ig.channels, hub.webhook.events -> hub.webhooks
        builder.stream(topics.name(Topics.CHANNEL_EVENTS), Consumed.with(keys, serdes.forType(ChannelEvent.class))
                        .withName(CHANNEL_EVENTS_SOURCE))
                .process(() -> new ChannelFoldProcessor(ProcessorStores.CHANNELS, ProcessorStores.CHANNEL_DIRECTORY),
                        Named.as(CHANNEL_FOLD), ProcessorStores.CHANNELS)
                .to(topics.name(Topics.CHANNELS), Produced.with(keys, serdes.forType(Channel.class))
                        .withName(CHANNELS_SINK));
        builder.stream(topics.name(Topics.WEBHOOK_EVENTS), Consumed.with(keys, serdes.forType(WebhookEvent.class))
                        .withName(WEBHOOK_EVENTS_SOURCE))
                .process(() -> new WebhookFoldProcessor(ProcessorStores.WEBHOOKS), Named.as(WEBHOOK_FOLD),
                        ProcessorStores.WEBHOOKS)
                .to(topics.name(Topics.WEBHOOKS), Produced.with(keys, serdes.forType(Webhook.class))
                        .withName("webhooks-sink"));
        return builder.build();
    }
}
