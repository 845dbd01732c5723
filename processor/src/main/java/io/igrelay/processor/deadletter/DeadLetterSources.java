package io.igrelay.processor.deadletter;

import io.igrelay.avro.DeadLetter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Sources whose undecodable records go to the dead-letter topic (contract §8: ig.outbound.requests and ig.message.status
 * → ig.outbound.dlq). The topic is read as bytes and decoded by a processor, so the dead letter is an ordinary
 * output of the same task and transaction. (Newer Kafka Streams releases let the deserialization handler return
 * dead-letter records, KIP-1034; this project stays on 4.1, decisions.md "Kafka 4.1.2".)
 */
public final class DeadLetterSources {

    private final String topic;
    private final Serde<DeadLetter> letters;

    public DeadLetterSources(String topic, Serde<DeadLetter> letters) {
        this.topic = topic;
        this.letters = letters;
    }

    /**
     * @param name the source's node name; the decoding and dead-letter nodes are named after it
     * @return the decoded records, keyed by the UTF-8 key
     */
    public <V> KStream<String, V> stream(StreamsBuilder builder, String sourceTopic, Serde<V> values, String name) {
        KStream<String, Decoded<V>> decoded = builder.stream(sourceTopic,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name))
                .process(() -> new DecodingProcessor<>(values.deserializer()), Named.as(name + "-decode"));
        decoded.filter((k, d) -> !d.decoded(), Named.as(name + "-undecodable"))
                .mapValues(Decoded::letter, Named.as(name + "-dead-letter"))
                .to(topic, Produced.with(Serdes.String(), letters).withName(name + "-dlq-sink"));
        return decoded.filter((k, d) -> d.decoded(), Named.as(name + "-decoded"))
                .mapValues(Decoded::value, Named.as(name + "-value"));
    }
}
