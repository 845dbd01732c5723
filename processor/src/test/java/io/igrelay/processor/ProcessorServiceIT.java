package io.igrelay.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The processor starts for real: topics, a RUNNING Streams application, readiness and metrics on its port. */
@ExtendWith(KafkaStackExtension.class)
class ProcessorServiceIT {

    @Test
    void shouldRunTheStreamsApplicationAndReportReady(KafkaStack stack) throws Exception {
        int port = FreePorts.find();
        Map<String, String> env = ServiceEnvironment.base(stack, "processor-svc.");
        env.put("PROCESSOR_PORT", Integer.toString(port));
        env.put("PROCESSOR_ADVERTISED_URL", "http://localhost:" + port);
        java.nio.file.Path stateDir = Files.createTempDirectory("processor-svc");
        env.put("PROCESSOR_STATE_DIR", stateDir.toString());

        java.util.Locale formatLocale = java.util.Locale.getDefault(java.util.Locale.Category.FORMAT);
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, java.util.Locale.GERMANY);
        try (ProcessorService service = new ProcessorService(ProcessorConfig.fromEnv(env)).start()) {
            assertThat(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT))
                    .as("the service leaves the JVM's format locale alone")
                    .isEqualTo(java.util.Locale.GERMANY);
            String base = "http://localhost:" + service.port();
            assertThat(ServiceEnvironment.get(base + "/health/live").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(ServiceEnvironment.get(base + "/health/ready").statusCode()).isEqualTo(200));
            assertThat(ServiceEnvironment.get(base + "/metrics").body()).contains("jvm_memory_used_bytes")
                    .contains("igrelay_processor_events_duplicates");
        } finally {
            java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, formatLocale);
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
