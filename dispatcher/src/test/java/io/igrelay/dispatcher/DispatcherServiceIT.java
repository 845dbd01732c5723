package io.igrelay.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.time.Duration;
import java.util.Map;
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
}
