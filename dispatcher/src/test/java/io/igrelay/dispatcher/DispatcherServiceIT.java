package io.igrelay.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dispatcher starts for real against the broker and reports ready on its management port. */
@ExtendWith(KafkaStackExtension.class)
class DispatcherServiceIT {

    @Test
    void shouldStartAndReportReady(KafkaStack stack) throws Exception {
        Map<String, String> env = ServiceEnvironment.base(stack, "dispatcher-svc.");
        env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));

        try (DispatcherService service = new DispatcherService(DispatcherConfig.fromEnv(env)).start()) {
            String base = "http://localhost:" + service.port();
            assertThat(ServiceEnvironment.get(base + "/health/live").statusCode()).isEqualTo(200);
            assertThat(ServiceEnvironment.get(base + "/health/ready").statusCode()).isEqualTo(200);
            assertThat(ServiceEnvironment.get(base + "/metrics").body()).contains("jvm_memory_used_bytes");
            assertThat(answerToAnH2cUpgrade(service.port())).as("the status line").isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** What the JDK's HttpClient sends on plain http by default: the port answers in HTTP/1.1, never 101. */
    private static String answerToAnH2cUpgrade(int port) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAAA\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void shouldStayReadyWhileIdleForLongerThanTheStuckBound(KafkaStack stack) throws Exception {
        Map<String, String> env = ServiceEnvironment.base(stack, "dispatcher-idle.");
        env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));

        try (DispatcherService service = new DispatcherService(DispatcherConfig.fromEnv(env)).start()) {
            String base = "http://localhost:" + service.port();
            assertThat(ServiceEnvironment.get(base + "/health/ready").statusCode()).isEqualTo(200);

            Thread.sleep(Duration.ofSeconds(35).toMillis()); // nothing to send: HealthMonitor's bound is 30 s

            var ready = ServiceEnvironment.get(base + "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"send-consumer\":{\"status\":\"RUNNING\"");
        }
    }

    /**
     * The processor writes the Send API's input in transactions, so its last record is followed by a commit marker:
     * once the record is handled the group's committed offset sits on the marker. That is not work left, and an idle
     * dispatcher must stay ready past the stuck bound.
     */
    @Test
    void shouldStayReadyAfterHandlingATransactionalRecord(KafkaStack stack) throws Exception {
        String prefix = "dispatcher-txn.";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));

        try (DispatcherService service = new DispatcherService(DispatcherConfig.fromEnv(env)).start()) {
            String base = "http://localhost:" + service.port();
            Map<String, Object> props = new HashMap<>(stack.producerProps());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dispatcher-txn-it");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(prefix + "ig.outbound.dispatch", "7309".getBytes(),
                        "not a command".getBytes()));
                producer.commitTransaction();
            }
            String group = DispatcherConfig.fromEnv(env).send().groupId();
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().values().stream().anyMatch(o -> o.offset() >= 1));

            Thread.sleep(Duration.ofSeconds(35).toMillis()); // HealthMonitor's bound is 30 s

            var ready = ServiceEnvironment.get(base + "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        }
    }
}
