package io.igrelay.bench.processor;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Waits for a Streams application to reach RUNNING, failing fast if it errors, so rows never time a rebalance. */
final class RunningState {

    private RunningState() {
    }

    static void await(Supplier<KafkaStreams.State> state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State now = state.get();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("Streams did not reach RUNNING (state " + now + ")");
            }
            Thread.sleep(2); // the backlog row starts its clock when this returns
        }
    }
}
