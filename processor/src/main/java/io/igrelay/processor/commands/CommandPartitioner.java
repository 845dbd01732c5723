package io.igrelay.processor.commands;

import io.igrelay.processor.outbound.BroadcastPartitioner;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Purge requests go to every partition (each IGSID task purges its own windows); the other commands go where the
 * default partitioner puts their IGSID key, the partition of that IGSID's events, requests and statuses.
 */
public final class CommandPartitioner implements StreamPartitioner<String, ConversationCommand> {

    private final BroadcastPartitioner<String, ConversationCommand> broadcast = new BroadcastPartitioner<>();

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ConversationCommand command,
                                             int numPartitions) {
        return command instanceof ConversationCommand.Purge
                ? broadcast.partitions(topic, key, command, numPartitions)
                : Optional.empty();
    }
}
