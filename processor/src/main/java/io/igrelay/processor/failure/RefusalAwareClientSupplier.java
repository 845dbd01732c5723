package io.igrelay.processor.failure;

import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka Streams' clients, with each producer wrapped by {@link RefusedOutputs} so an output the broker refused for
 * good is refused again at once, on the stream thread, when its input is processed again.
 */
public final class RefusalAwareClientSupplier extends DefaultKafkaClientSupplier {

    private final RefusedOutputs refusals;

    public RefusalAwareClientSupplier(RefusedOutputs refusals) {
        this.refusals = refusals;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return refusals.wrap(super.getProducer(config));
    }
}
