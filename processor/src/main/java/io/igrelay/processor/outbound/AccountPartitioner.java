package io.igrelay.processor.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions ig.outbound.dispatch by the account part of its {@code <igAccountId>|<igsid>} key (contract §4), so that
 * one dispatcher instance owns an account's rate limit: murmur2 of the UTF-8 account id, positive, modulo the
 * partition count — exactly where Kafka's default partitioner would put a record keyed by the account id alone.
 */
public final class AccountPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    public static int partitionOf(String conversationKey, int numPartitions) {
        int bar = conversationKey.indexOf('|');
        String account = bar < 0 ? conversationKey : conversationKey.substring(0, bar);
        return Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    public static String conversationKey(String igAccountId, String igsid) {
        return igAccountId + "|" + igsid;
    }
}
