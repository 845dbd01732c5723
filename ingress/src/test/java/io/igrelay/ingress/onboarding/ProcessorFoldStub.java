package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the processor's channel fold over a real broker for ingress ITs (the ingress never depends on the
 * processor): reads ig.channel.events, applies the same rules as {@link FoldingPublisher}, writes ig.channels.
 */
final class ProcessorFoldStub implements AutoCloseable {

    private final KafkaConsumer<String, ChannelEvent> consumer;
    private final KafkaProducer<String, Channel> producer;
    private final ChannelRegistryView state = new ChannelRegistryView();
    private final FoldingPublisher fold = new FoldingPublisher(state);
    private final String channelsTopic;
    private final Thread thread;
    private volatile boolean running = true;

    ProcessorFoldStub(Map<String, Object> consumerProps, Map<String, Object> producerProps, AvroSerdes serdes,
                      String eventsTopic, String channelsTopic) {
        Properties props = new Properties();
        props.putAll(consumerProps);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                serdes.deserializer(ChannelEvent.class));
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), serdes.<Channel>serializer());
        this.channelsTopic = channelsTopic;
        consumer.subscribe(List.of(eventsTopic));
        thread = new Thread(this::run, "processor-fold-stub");
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, ChannelEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    fold.publish(record.value());
                    producer.send(new ProducerRecord<>(channelsTopic, record.key(),
                            state.byId(record.key()).orElse(null)));
                }
                producer.flush();
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
            producer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
