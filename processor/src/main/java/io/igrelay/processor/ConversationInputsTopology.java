package io.igrelay.processor;

import static io.igrelay.processor.ProcessorTopology.ACCOUNT_DELETION;
import static io.igrelay.processor.ProcessorTopology.CHANNEL_PURGE;
import static io.igrelay.processor.ProcessorTopology.CHANNEL_PURGES;
import static io.igrelay.processor.ProcessorTopology.CONVERSATION_COMMANDS;
import static io.igrelay.processor.ProcessorTopology.DELETIONS_SOURCE;
import static io.igrelay.processor.ProcessorTopology.DELETION_TALLY;
import static io.igrelay.processor.ProcessorTopology.ERASURE;
import static io.igrelay.processor.ProcessorTopology.LEDGER_MIDS;
import static io.igrelay.processor.ProcessorTopology.LEDGER_SOURCE;
import static io.igrelay.processor.ProcessorTopology.PURGE_REPORTS;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.processor.commands.CommandPartitioner;
import io.igrelay.processor.commands.ConversationCommand;
import io.igrelay.processor.commands.ConversationCommandSerde;
import io.igrelay.processor.deletion.AccountDeletionProcessor;
import io.igrelay.processor.deletion.ChannelWindowPurgeProcessor;
import io.igrelay.processor.deletion.DeletionOutcome;
import io.igrelay.processor.deletion.DeletionTallyProcessor;
import io.igrelay.processor.deletion.ErasureProcessor;
import io.igrelay.processor.deletion.ErasureStores;
import io.igrelay.processor.deletion.PurgeReport;
import io.igrelay.processor.deletion.PurgeStep;
import io.igrelay.processor.state.JsonSerde;
import io.igrelay.processor.status.LedgerMidsProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The low-volume inputs of the conversation tasks (tested by ConversationInputsTest), sharing one internal topic keyed
 * by IGSID (docs/decisions.md, "Processor: conversation task inputs"): the dispatcher's SENT ledger records (the
 * hub's own mids, for echo matching), end-user erasures, and account deletions' purge requests (multicast to every
 * task). Deletions: app-scoped users by channel (their purge reaches every task, and a tally completes the deletion),
 * end users on their IGSID's task.
 */
final class ConversationInputsTopology {

    /** What erasures and purges remove downstream: windows (tombstones on ig.windows) and status rows. */
    record Outputs(KStream<String, ConversationWindow> erasedWindows, KStream<String, StatusView> erasedRows,
                   KStream<String, ConversationWindow> purgedWindows) {
    }

    private ConversationInputsTopology() {
    }

    static Outputs build(TopologyParts parts) {
        Serde<String> keys = parts.keys();
        TopologySettings settings = parts.settings();
        KStream<String, ConversationCommand> sentMessages = parts.builder().stream(
                        parts.topic(Topics.DISPATCH_LEDGER),
                        Consumed.with(keys, parts.serdes().forType(SendRecord.class)).withName(LEDGER_SOURCE))
                .filter((k, r) -> r != null && r.getOutcome() == SendOutcome.SENT, Named.as(LEDGER_SOURCE + "-sent"))
                .map((k, r) -> KeyValue.pair(LedgerMidsProcessor.igsidOf(r.getConversationKey()),
                        (ConversationCommand) new ConversationCommand.Sent(r)), Named.as(LEDGER_SOURCE + "-by-igsid"));
        KStream<String, DeletionRequest> deletions = parts.builder().stream(parts.topic(Topics.DELETIONS),
                Consumed.with(keys, parts.serdes().forType(DeletionRequest.class)).withName(DELETIONS_SOURCE));
        KStream<String, DeletionOutcome> accountDeletions = deletions.process(
                () -> new AccountDeletionProcessor(ProcessorStores.CHANNEL_DIRECTORY, parts.topics().partitions()),
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
                .repartition(Repartitioned.with(keys, ConversationCommandSerde.of(parts.serdes()))
                        .withName(CONVERSATION_COMMANDS).withNumberOfPartitions(parts.topics().partitions())
                        .withStreamPartitioner(new CommandPartitioner()));
        commands.filter((k, c) -> c instanceof ConversationCommand.Sent, Named.as(LEDGER_MIDS + "-filter"))
                .mapValues(c -> ((ConversationCommand.Sent) c).record(), Named.as(LEDGER_MIDS + "-record"))
                .process(() -> new LedgerMidsProcessor(parts.statusStores(), settings.dedupHorizon(),
                                settings.punctuateInterval()), Named.as(LEDGER_MIDS), ProcessorStores.SENT_MIDS,
                        ProcessorStores.SENT_MID_EXPIRY, ProcessorStores.HELD_ECHOES);
        ErasureStores erasureStores = new ErasureStores(ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES,
                ProcessorStores.DEDUP, ProcessorStores.CONVERSATION_STATUS, ProcessorStores.SENT_MIDS,
                ProcessorStores.COMMENTS);
        KStream<String, DeletionOutcome> erasures = commands
                .filter((k, c) -> c instanceof ConversationCommand.Erase, Named.as(ERASURE + "-command"))
                .mapValues(c -> ((ConversationCommand.Erase) c).request(), Named.as(ERASURE + "-request"))
                .process(() -> new ErasureProcessor(erasureStores, settings.windowRules()), Named.as(ERASURE),
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, ProcessorStores.DEDUP,
                        ProcessorStores.CONVERSATION_STATUS, ProcessorStores.SENT_MIDS, ProcessorStores.COMMENTS);
        // account deletions and IGSID erasures are wired apart, never merged: a merge would join the deletions
        // source and the purge reports to the conversation sub-topology, two more inputs that its task checks on
        // every record
        accountDeletions.flatMap((k, o) -> o.channelDeletions().stream()
                        .map(e -> KeyValue.pair(e.getChannelId(), e)).toList(), Named.as("deletion-channel-events"))
                .to(parts.topic(Topics.CHANNEL_EVENTS), Produced.with(keys, parts.serdes().forType(ChannelEvent.class))
                        .withName("deletion-channel-events-sink"));
        Produced<String, DeletionStatus> deletionStatuses = Produced.with(keys,
                parts.serdes().forType(DeletionStatus.class));
        accountDeletions.mapValues(DeletionOutcome::status, Named.as("deletion-status"))
                .to(parts.topic(Topics.DELETION_STATUS), deletionStatuses.withName("deletion-status-sink"));
        erasures.mapValues(DeletionOutcome::status, Named.as("erasure-status"))
                .to(parts.topic(Topics.DELETION_STATUS), deletionStatuses.withName("erasure-status-sink"));
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
                .to(parts.topic(Topics.DELETION_STATUS), deletionStatuses.withName("deletion-tally-sink"));
        return new Outputs(erasedWindows, erasedRows, purgedWindows);
    }
}
