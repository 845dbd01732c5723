package io.igrelay.processor;

import io.igrelay.processor.failure.DependencyGate;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How the registry gate pauses and resumes processing: KafkaStreams#pause stops every task from processing (its
 * threads keep polling and keep their group membership, so nothing rebalances), #resume lets them go on from
 * where they are, which for a record the policy kept is the last commit.
 */
record StreamsPause(KafkaStreams streams) implements DependencyGate.Processing {

    @Override
    public void pause() {
        streams.pause();
    }

    @Override
    public void resume() {
        streams.resume();
    }
}
