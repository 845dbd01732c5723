package io.igrelay.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.DeadLetter;
import io.igrelay.processor.failure.FailureParts;
import io.igrelay.processor.failure.RefusalAwareClientSupplier;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real broker, with the processor's Streams settings (exactly_once_v2, the failure policy's handlers, the
 * refusal-aware producer): an output topic that takes records up to 64 KiB and timestamps up to an hour ahead
 * refuses two outputs for good, one too large and one two hours ahead, both answered late by the broker. Each input
 * behind them ends on the dead-letter topic with its offset and reason, the stream thread dies at most once per
 * refusal, and every record after them is processed, once.
 */
@ExtendWith(KafkaStackExtension.class)
class ProductionRefusalIT {

    /** Makes an output the test's topic refuses from the inputs whose value says so; passes the others. */
    private static final class Refusable implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value().startsWith("big")) {
                context.forward(record.withValue("x".repeat(200_000)));
            } else if (record.value().startsWith("future")) {
                context.forward(record.withTimestamp(record.timestamp() + Duration.ofHours(2).toMillis()));
            } else {
                context.forward(record);
            }
        }
    }

    @Test
    void shouldDeadLetterTheInputsOfRefusedOutputsAndProcessEveryLaterRecord(KafkaStack stack) throws Exception {
        refuseAndGoOn(stack, false, List.of("a-0", "big-1", "a-2", "future-3", "a-4", "a-5", "a-6"),
                List.of("a-0", "a-2", "a-4", "a-5", "a-6"),
                List.of(Map.entry(1L, "RecordTooLargeException"), Map.entry(3L, "InvalidTimestampException")));
    }

    /**
     * Every input is waiting when the task starts, so the outputs travel together: a valid output shares the refused
     * one's batch and its batch-mate error reaches Streams first, which then skips the refused record's own callback
     * (the CI run of 2026-12-07 looped here, dying on the same batch every 45 s).
     */
    @Test
    void shouldDeadLetterARefusedOutputThatSharesABatchWithValidOnes(KafkaStack stack) throws Exception {
        refuseAndGoOn(stack, true, List.of("a-0", "a-1", "future-2", "big-3", "a-4", "a-5", "a-6"),
                List.of("a-0", "a-1", "a-4", "a-5", "a-6"),
                List.of(Map.entry(2L, "InvalidTimestampException"), Map.entry(3L, "RecordTooLargeException")));
    }

    private static void refuseAndGoOn(KafkaStack stack, boolean inputsBeforeStart, List<String> inputs,
                                      List<String> expected, List<Map.Entry<Long, String>> deadLetters)
            throws Exception {
        String prefix = "refusal" + Long.toHexString(System.nanoTime()) + ".";
        String in = prefix + "in";
        String out = prefix + "out";
        String letters = prefix + "ig.outbound.dlq";
        stack.createTopic(in, 1, Map.of());
        stack.createTopic(out, 1, Map.of("max.message.bytes", "65536", "message.timestamp.after.max.ms", "3600000"));
        stack.createTopic(letters, 1, Map.of("max.message.bytes", "5242880"));
        Path state = Files.createTempDirectory("refusal-it");
        Map<String, String> env = new HashMap<>(ServiceEnvironment.base(stack, prefix));
        env.put("PROCESSOR_STATE_DIR", state.toString());
        env.put("PROCESSOR_PORT", "0");
        ProcessorConfig config = ProcessorConfig.fromEnv(env);
        AvroSerdes serdes = stack.serdes();
        HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String())).process(Refusable::new)
                .to(out, Produced.with(Serdes.String(), Serdes.String()));

        try (FailureParts failures = FailureParts.create(serdes.registry(), health.register("schema-registry"),
                config.kafka().producer("refusal-it-dead-letters"), serdes.forType(DeadLetter.class).serializer(),
                letters, Clock.systemUTC());
             KafkaProducer<String, String> producer = stack.producer(new StringSerializer(), new StringSerializer())) {
            Properties props = StreamsSettings.from(config, failures.failures());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            // a dead thread's member is not told to leave: its task waits out the session before running again
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
            if (inputsBeforeStart) {
                send(producer, in, inputs);
            }
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props,
                    new RefusalAwareClientSupplier(failures.failures().refusals()))) {
                streams.setUncaughtExceptionHandler(failures.threadRecovery());
                streams.start();
                if (!inputsBeforeStart) {
                    send(producer, in, inputs);
                }

                // each thread death waits out the dead member's session (10 s here) before the task runs again
                List<ConsumerRecord<String, String>> processed = stack.readAll(out, new StringDeserializer(),
                        new StringDeserializer(), 5, Duration.ofSeconds(150));
                assertThat(processed).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
                List<ConsumerRecord<String, DeadLetter>> dead = stack.readAll(letters, new StringDeserializer(),
                        serdes.forType(DeadLetter.class).deserializer(), 2, Duration.ofSeconds(30));
                assertThat(dead).extracting(r -> r.value().getOffset())
                        .containsExactlyElementsOf(deadLetters.stream().map(Map.Entry::getKey).toList());
                assertThat(dead).allSatisfy(r -> assertThat(r.value().getTopic()).isEqualTo(in));
                for (int i = 0; i < dead.size(); i++) {
                    assertThat(dead.get(i).value().getReason()).contains("refused its output to " + out)
                            .contains(deadLetters.get(i).getValue());
                }
                assertThat(failures.threadRecovery().total.get()).as("thread deaths").isLessThanOrEqualTo(2);
                assertThat(failures.failures().refusedOutputs).hasValue(2);
                await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, List<String> values)
            throws Exception {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, "7309182736451928", value)).get();
        }
    }
}
