package io.igrelay.ingress.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One leader per channel across replicas: the consumer group splits ig.channels' partitions between them. */
@ExtendWith(KafkaStackExtension.class)
class TokenRefreshLeadershipIT {

    @Test
    void shouldGiveEveryChannelExactlyOneLeaderAndHandOverWhenAReplicaStops(KafkaStack stack) {
        String topic = stack.uniqueTopic("ig.channels");
        stack.createTopic(topic, 4, Map.of("cleanup.policy", "compact"));
        Properties props = new Properties();
        props.putAll(stack.consumerProps("unused"));
        List<String> channels = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID().toString()).toList();
        TokenRefreshLeadership first = new TokenRefreshLeadership(topic, props, topic + "-refresher");
        TokenRefreshLeadership second = new TokenRefreshLeadership(topic, props, topic + "-refresher");
        try (first; second) {
            first.start();
            second.start();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(channels)
                    .allSatisfy(c -> assertThat(first.owns(c) ^ second.owns(c)).as(c).isTrue())
                    .anySatisfy(c -> assertThat(first.owns(c)).isTrue())
                    .anySatisfy(c -> assertThat(second.owns(c)).isTrue()));

            second.close();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(channels)
                    .allSatisfy(c -> assertThat(first.owns(c)).isTrue()));
        }
    }
}
