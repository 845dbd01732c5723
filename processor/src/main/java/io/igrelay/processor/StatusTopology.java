package io.igrelay.processor;

import static io.igrelay.processor.ProcessorTopology.META_WINDOW_CLOSE;
import static io.igrelay.processor.ProcessorTopology.STATUS_SOURCE;
import static io.igrelay.processor.ProcessorTopology.STATUS_TABLE;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.MessageStatus;
import io.igrelay.processor.status.StatusTableProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.windows.MetaWindowCloseProcessor;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Message statuses (tested by StatusTopologyTest): the status table by conversation, whose rows go on to the table by
 * message id for queries; Meta's window errors close windows.
 */
final class StatusTopology {

    /** The status rows (re-keyed by message id downstream) and the windows Meta closed (to ig.windows). */
    record Outputs(KStream<String, StatusView> rows, KStream<String, ConversationWindow> metaClosures) {
    }

    private StatusTopology() {
    }

    static Outputs build(TopologyParts parts) {
        TopologySettings settings = parts.settings();
        KStream<String, MessageStatus> statuses = parts.deadLetters().stream(parts.builder(),
                parts.topic(Topics.MESSAGE_STATUS), parts.serdes().forType(MessageStatus.class), STATUS_SOURCE);
        KStream<String, StatusView> rows = statuses.process(() -> new StatusTableProcessor(parts.statusStores(),
                        settings.statusRetention(), settings.dedupHorizon(), settings.punctuateInterval()),
                Named.as(STATUS_TABLE), ProcessorStores.CONVERSATION_STATUS, ProcessorStores.STATUS_EXPIRY,
                ProcessorStores.SENT_MIDS, ProcessorStores.SENT_MID_EXPIRY, ProcessorStores.HELD_ECHOES);
        KStream<String, ConversationWindow> metaClosures = statuses.process(() -> new MetaWindowCloseProcessor(
                        ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES, settings.windowRules()),
                Named.as(META_WINDOW_CLOSE), ProcessorStores.WINDOWS, ProcessorStores.WINDOW_DEADLINES);
        return new Outputs(rows, metaClosures);
    }
}
