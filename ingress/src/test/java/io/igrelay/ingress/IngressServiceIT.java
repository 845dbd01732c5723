package io.igrelay.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingress starts for real against the broker: topics, readiness on both ports, metrics on the management port. */
@ExtendWith(KafkaStackExtension.class)
class IngressServiceIT {

    @Test
    void shouldProvisionTopicsAndAnswerHealthAndMetrics(KafkaStack stack) throws Exception {
        Map<String, String> env = ServiceEnvironment.base(stack, "ingress-svc.");
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));

        try (IngressService service = new IngressService(IngressConfig.fromEnv(env)).start()) {
            String pub = "http://localhost:" + service.port();
            String mgmt = "http://localhost:" + service.managementPort();

            assertThat(ServiceEnvironment.get(pub + "/health/live").statusCode()).isEqualTo(200);
            assertThat(ServiceEnvironment.get(pub + "/health/ready").statusCode()).isEqualTo(200);
            assertThat(ServiceEnvironment.get(mgmt + "/health/ready").body()).contains("\"status\":\"UP\"");
            var metrics = ServiceEnvironment.get(mgmt + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            assertThat(ServiceEnvironment.get(pub + "/metrics").statusCode())
                    .as("metrics stay off the public port").isEqualTo(404);
            assertThat(stack.admin().listTopics().names().get(10, TimeUnit.SECONDS))
                    .contains("ingress-svc.ig.webhooks.raw", "ingress-svc.hub.applications");
        }
    }
}
