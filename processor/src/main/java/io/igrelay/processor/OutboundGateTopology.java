package io.igrelay.processor;

import static io.igrelay.processor.ProcessorTopology.DISPATCH_SINK;
import static io.igrelay.processor.ProcessorTopology.GATE;
import static io.igrelay.processor.ProcessorTopology.REQUESTS_SOURCE;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.processor.outbound.AccountPartitioner;
import io.igrelay.processor.outbound.GateDecision;
import io.igrelay.processor.outbound.GateStores;
import io.igrelay.processor.outbound.OutboundGateProcessor;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The outbound gate (tested by OutboundGateTopologyTest): request → DispatchCommand, partitioned by account, plus
 * its ENQUEUED/REJECTED status. The requests are decoded in the topology: a malformed record goes to ig.outbound.dlq
 * in the task's transaction; a registry outage fails the task instead (failure.ProcessorFailures: kept, never
 * skipped).
 */
final class OutboundGateTopology {

    private OutboundGateTopology() {
    }

    /** Builds the gate; answers the statuses it decides (to ig.message.status). */
    static KStream<String, MessageStatus> build(TopologyParts parts) {
        GateStores gateStores = new GateStores(ProcessorStores.CHANNEL_DIRECTORY, ProcessorStores.APPLICATIONS,
                ProcessorStores.WINDOWS, ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY,
                ProcessorStores.CONVERSATION_STATUS, ProcessorStores.COMMENTS);
        KStream<String, GateDecision> decisions = parts.deadLetters().stream(parts.builder(),
                        parts.topic(Topics.OUTBOUND_REQUESTS), parts.serdes().forType(OutboundMessage.class),
                        REQUESTS_SOURCE)
                .process(() -> new OutboundGateProcessor(gateStores, parts.math(), parts.settings().dedupHorizon(),
                                parts.counters()),
                        Named.as(GATE), ProcessorStores.WINDOWS, ProcessorStores.DEDUP, ProcessorStores.DEDUP_EXPIRY,
                        ProcessorStores.CONVERSATION_STATUS, ProcessorStores.COMMENTS);
        decisions.filter((k, d) -> d.accepted(), Named.as(GATE + "-accepted"))
                .map((k, d) -> KeyValue.pair(AccountPartitioner.conversationKey(d.command().getIgAccountId(),
                        d.command().getIgsid()), d.command()), Named.as(GATE + "-by-account"))
                .to(parts.topic(Topics.OUTBOUND_DISPATCH), Produced.with(parts.keys(),
                                parts.serdes().forType(DispatchCommand.class))
                        .withStreamPartitioner(new AccountPartitioner<>()).withName(DISPATCH_SINK));
        return decisions.filter((k, d) -> d.hasStatus(), Named.as(GATE + "-with-status"))
                .mapValues(GateDecision::status, Named.as(GATE + "-status"));
    }
}
