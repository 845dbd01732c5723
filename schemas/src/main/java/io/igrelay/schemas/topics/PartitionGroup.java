package io.igrelay.schemas.topics;

/**
 * Topics whose partition counts must agree. Conversation topics are keyed by IGSID and co-partitioned, so the
 * gate can join them without a repartition; the dispatch topics are partitioned by account and must match each other.
 */
public enum PartitionGroup {
    CONVERSATION,
    DISPATCH,
    INDEPENDENT
}
