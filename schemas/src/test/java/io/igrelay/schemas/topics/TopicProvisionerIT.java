package io.igrelay.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaStackExtension.class)
class TopicProvisionerIT {

    @Test
    void shouldCreateTheWholeCatalogueWithItsConfigsAndBeIdempotent(KafkaStack stack) throws Exception {
        TopicLayout layout = new TopicLayout("prov1.", 3, (short) 1, true);
        TopicProvisioner provisioner = new TopicProvisioner(stack.admin(), layout);

        provisioner.ensure(Topics.ALL);
        provisioner.ensure(Topics.ALL);

        var names = stack.admin().listTopics().names().get(10, TimeUnit.SECONDS);
        Topics.ALL.forEach(spec -> assertThat(names).contains("prov1." + spec.baseName()));
        var described = stack.admin().describeTopics(java.util.List.of("prov1.ig.events")).allTopicNames()
                .get(10, TimeUnit.SECONDS);
        assertThat(described.get("prov1.ig.events").partitions()).hasSize(3);
        assertThat(config(stack, "prov1.ig.outbound.requests", "message.timestamp.type")).isEqualTo("LogAppendTime");
        assertThat(config(stack, "prov1.ig.webhooks.raw", "max.message.bytes")).isEqualTo("5242880");
        assertThat(config(stack, "prov1.ig.channels", "cleanup.policy")).isEqualTo("compact");
        assertThat(provisioner.verify(Topics.ALL)).isEmpty();
    }

    @Test
    void shouldRefuseToStartWhenTopicsAreMissingAndAutoCreateIsOff(KafkaStack stack) {
        TopicProvisioner provisioner = new TopicProvisioner(stack.admin(),
                new TopicLayout("prov2.", 3, (short) 1, false));

        assertThatThrownBy(() -> provisioner.ensure(Topics.ALL))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("topic prov2.ig.webhooks.raw does not exist")
                .hasMessageContaining("topic prov2.ig.deletion.status does not exist");
    }

    @Test
    void shouldNameAConversationTopicWithTheWrongPartitionCount(KafkaStack stack) {
        stack.createTopic("prov3.ig.events", 2, Map.of());
        new TopicProvisioner(stack.admin(), new TopicLayout("prov3.", 3, (short) 1, true))
                .ensure(java.util.List.of(Topics.WEBHOOKS_RAW));
        TopicProvisioner checkOnly = new TopicProvisioner(stack.admin(),
                new TopicLayout("prov3.", 3, (short) 1, false));

        assertThatThrownBy(() -> checkOnly.ensure(java.util.List.of(Topics.WEBHOOKS_RAW, Topics.EVENTS)))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("topic prov3.ig.events has 2 partitions, expected 3")
                .hasMessageContaining("conversation topics must have equal partition counts");
    }

    @Test
    void shouldNameAWrongTimestampTypeOnTheRequestsTopic(KafkaStack stack) {
        stack.createTopic("prov4.ig.outbound.requests", 3, Map.of());
        TopicProvisioner checkOnly = new TopicProvisioner(stack.admin(),
                new TopicLayout("prov4.", 3, (short) 1, false));

        assertThat(checkOnly.verify(java.util.List.of(Topics.OUTBOUND_REQUESTS)))
                .anySatisfy(p -> assertThat(p).contains("message.timestamp.type=CreateTime, expected LogAppendTime"));
    }

    private static String config(KafkaStack stack, String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        ConfigEntry entry = stack.admin().describeConfigs(java.util.List.of(resource)).all()
                .get(10, TimeUnit.SECONDS).get(resource).get(key);
        return entry.value();
    }
}
