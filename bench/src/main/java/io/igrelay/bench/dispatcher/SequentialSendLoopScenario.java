package io.igrelay.bench.dispatcher;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.TextContent;
import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchTopics;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.schemas.serde.AvroSerdes;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dispatcher's reference: the naive loop — one consumer, for each record one blocking Send API call to the
 * same sandbox (20–120 ms latency), then a synchronous commit of that record — for a fixed time over the same kind
 * of commands. It keeps order trivially and is bounded by the call latency (about 1 / 70 ms).
 */
public final class SequentialSendLoopScenario implements Scenario {

    public static final String NAME = "sequential consume-call-commit (20–120 ms Send API)";
    private static final int FILL = 2_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return NAME;
    }

    @Override
    public String note() {
        return "one KafkaConsumer, per record: decode, one blocking JDK HttpClient call to the sandbox (20-120 ms), "
                + "commitSync; latency column = call + commit per record";
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        String topic = BenchKafka.uniquePrefix("sequential") + "dispatch";
        AvroSerdes serdes = BenchKafka.serdes();
        BenchTopics.create(environment.bootstrapServers(), topic);
        List<BenchConversations.Conversation> conversations = BenchConversations.all();
        try (var producer = new KafkaProducer<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), serdes.serializer())) {
            for (int i = 0; i < FILL; i++) {
                var c = conversations.get(i % conversations.size());
                producer.send(new ProducerRecord<>(topic, c.key(), SendCommands.command(c, "seq",
                        i / conversations.size())));
            }
            producer.flush();
        }
        Deserializer<DispatchCommand> commands = serdes.deserializer(DispatchCommand.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (SendSandbox sandbox = new SendSandbox(DispatcherSendScenario.LATENCY_MS,
                DispatcherSendScenario.JITTER_MS, true, 100);
             var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, topic + ".loop",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            var latencies = new LatencyRecorder();
            long warmUpEnd = System.nanoTime() + environment.warmUpFor().toNanos();
            long start = 0;
            long end = 0;
            long count = 0;
            while (end == 0) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (start == 0 && now >= warmUpEnd) {
                        start = now;
                    } else if (start != 0 && now - start >= environment.measureFor().toNanos()) {
                        end = now;
                        break;
                    }
                    call(http, sandbox, commands.deserialize(record.topic(), record.value()));
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                    if (start != 0) {
                        latencies.record(System.nanoTime() - now);
                        count++;
                    }
                }
                if (start != 0 && end == 0 && System.nanoTime() - start >= environment.measureFor().toNanos()) {
                    end = System.nanoTime();
                }
                if (start == 0 && System.nanoTime() > warmUpEnd + Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("the loop read nothing within a minute");
                }
            }
            if (count == 0) {
                throw new IllegalStateException("the loop sent nothing (" + FILL + " commands were not enough?)");
            }
            return new ScenarioResult(name(), reference(), count, 0, Duration.ofNanos(end - start),
                    Optional.of(latencies.summary()));
        }
    }

    private static void call(HttpClient http, SendSandbox sandbox, DispatchCommand command) throws Exception {
        String body = new JsonObject().put("recipient", new JsonObject().put("id", command.getIgsid()))
                .put("message", new JsonObject().put("text", String.valueOf(((TextContent) command.getContent()).getText())))
                .encode();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.sandbox().graphInstagramUrl() + "/v23.0/"
                        + command.getIgAccountId() + "/messages"))
                .header("Authorization", "Bearer " + sandbox.token(command.getIgAccountId()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the sandbox answered " + response.statusCode() + ": " + response.body());
        }
    }
}
