package io.igrelay.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.config.IngressConfig;
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
        env.put("INGRESS_SPOOL_DIR", java.nio.file.Files.createTempDirectory("ingress-svc-spool").toString());

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

    @Test
    void shouldServeEveryPartOfThePublicSurface(KafkaStack stack) throws Exception {
        Map<String, String> env = ServiceEnvironment.base(stack, "ingress-surface.");
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", java.nio.file.Files.createTempDirectory("ingress-surface-spool").toString());

        try (IngressService service = new IngressService(IngressConfig.fromEnv(env)).start()) {
            String pub = "http://localhost:" + service.port();
            String verify = pub + "/webhooks/instagram?hub.mode=subscribe&hub.verify_token=test-verify-token"
                    + "&hub.challenge=c123";
            assertThat(ServiceEnvironment.get(verify).body()).isEqualTo("c123");
            assertThat(ServiceEnvironment.get(pub + "/v1/openapi.yaml").body()).contains("openapi:");
            assertThat(ServiceEnvironment.get(pub + "/v1/channels").statusCode())
                    .as("hub API mounted, key required").isEqualTo(401);
            assertThat(ServiceEnvironment.get(pub + "/v1/organization/webhook").statusCode())
                    .as("webhook registrations mounted, key required").isEqualTo(401);
            assertThat(ServiceEnvironment.get(pub + "/dashboard").statusCode()).isIn(200, 302, 303);
            assertThat(ServiceEnvironment.get(pub + "/meta/data-deletion/" + "0".repeat(32)).statusCode())
                    .as("deletion status page mounted").isEqualTo(404);
        }
    }
}
