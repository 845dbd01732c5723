package io.igrelay.processor.state;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards every record unchanged and asks for an early commit at low load ({@link LowLoadCommits}, age from the
 * record's timestamp). It sits in front of an internal hop whose records would otherwise wait out the whole commit
 * interval before the next task can read them.
 */
public final class EarlyCommitPassThrough<K, V> implements Processor<K, V, K, V> {

    private ProcessorContext<K, V> context;
    private LowLoadCommits commits;

    @Override
    public void init(ProcessorContext<K, V> context) {
        this.context = context;
        this.commits = LowLoadCommits.schedule(context);
    }

    @Override
    public void process(Record<K, V> record) {
        commits.forwarded(record.timestamp());
        context.forward(record);
    }
}
