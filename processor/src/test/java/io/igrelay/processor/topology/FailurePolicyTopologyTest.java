package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.processor.TopologySettings;
import io.igrelay.processor.testing.FlakyRegistry;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TestFailures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import io.igrelay.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor's one failure policy on the real topology: a poison record on any input is dead-lettered with its
 * original bytes and the pipeline goes on; while the schema registry is away a record is kept (the task fails, no
 * dead letter, nothing skipped, processing paused) and is processed once the registry answers.
 */
class FailurePolicyTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private static final byte[] POISON = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    private TopologyHarness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    private void startOnMemoryRegistry() {
        harness = TopologyHarness.start(false, T0);
        harness.connectChannel(T0.minusSeconds(60));
    }

    private TestInputTopic<byte[], byte[]> bytesTo(String topic) {
        return harness.driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void deliverMessage(String mid, Instant at) {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d-" + mid, Webhooks.delivery(List.of(
                Webhooks.message(IGSID, mid, at, "hi"))), at), at);
    }

    @ParameterizedTest(name = "poison on {0}")
    @ValueSource(strings = {"ig.webhooks.raw", "ig.dispatch.ledger", "ig.deletions", "ig.channel.events",
            "hub.webhook.events"})
    void shouldDeadLetterAPoisonRecordOfATypedInputAndKeepProcessing(String topic) {
        startOnMemoryRegistry();
        byte[] key = "poison-key".getBytes(StandardCharsets.UTF_8);
        bytesTo(topic).pipeInput(key, POISON, T0);

        assertThat(harness.failures.letters).singleElement().satisfies(letter -> {
            assertThat(letter.getTopic()).isEqualTo(topic);
            assertThat(letter.getOffset()).as("after the channel connected in the set-up, if that topic")
                    .isEqualTo(topic.equals("ig.channel.events") ? 1 : 0);
            assertThat(letter.getOriginalKey().array()).isEqualTo(key);
            assertThat(letter.getOriginalValue().array()).isEqualTo(POISON);
            assertThat(letter.getReason()).contains("magic byte");
        });
        deliverMessage("m-after-poison", T0.plusSeconds(1));
        assertThat(harness.events.readValuesToList()).extracting(InstagramEvent::getMid)
                .containsExactly("m-after-poison");
    }

    @ParameterizedTest(name = "poison on {0}")
    @ValueSource(strings = {"ig.outbound.requests", "ig.message.status"})
    void shouldDeadLetterAPoisonRecordOfAnOutboundInputInTheTaskAndKeepProcessing(String topic) {
        startOnMemoryRegistry();
        bytesTo(topic).pipeInput(IGSID.getBytes(StandardCharsets.UTF_8), POISON, T0);
        DeadLetter letter = harness.deadLetters.readValue();
        assertThat(letter.getTopic()).isEqualTo(topic);
        assertThat(letter.getOriginalValue().array()).isEqualTo(POISON);
        deliverMessage("m-after-poison", T0.plusSeconds(1));
        assertThat(harness.events.readValuesToList()).hasSize(1);
    }

    @ParameterizedTest(name = "poison on {0}")
    @ValueSource(strings = {"ig.channels", "hub.applications"})
    void shouldSkipAPoisonRecordOfAGlobalStoreAndKeepTheDirectory(String topic) {
        startOnMemoryRegistry();
        bytesTo(topic).pipeInput("poison-key".getBytes(StandardCharsets.UTF_8), POISON, T0);
        assertThat(harness.failures.guard.skipped().get()).isEqualTo(1);
        deliverMessage("m-after-poison", T0.plusSeconds(1));
        assertThat(harness.events.readValue().getChannelId()).as("the directory still resolves the channel")
                .isEqualTo(TopologyHarness.CHANNEL);
    }

    @Test
    void shouldKeepARawWebhookWhileTheRegistryIsAwayAndProcessItWhenItAnswers() {
        FlakyRegistry registry = new FlakyRegistry();
        TestFailures failures = new TestFailures();
        harness = new TopologyHarness(TopologySettings.defaults(false), T0, new AvroSerdes(registry),
                new AvroSerdes(registry.registry), failures);
        registry.down.set(true);
        failures.registryAnswers.set(false);

        assertThatThrownBy(() -> deliverMessage("m-held", T0)).isInstanceOf(StreamsException.class);
        assertThat(failures.letters).as("a registry outage is not the record's fault").isEmpty();
        assertThat(harness.events.isEmpty()).isTrue();
        assertThat(failures.pauses.get()).as("processing paused until the registry answers").isEqualTo(1);
        assertThat(failures.health.report().ready()).isFalse();

        registry.down.set(false);
        failures.registryAnswers.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures.resumes.get() == 1);
        // the replacement thread reads the record again from the last commit
        deliverMessage("m-held", T0);
        assertThat(harness.events.readValuesToList()).extracting(InstagramEvent::getMid).containsExactly("m-held");
        assertThat(failures.letters).isEmpty();
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldNotDeadLetterAnOutboundRequestWhileTheRegistryIsAway() {
        FlakyRegistry registry = new FlakyRegistry();
        TestFailures failures = new TestFailures();
        harness = new TopologyHarness(TopologySettings.defaults(false), T0, new AvroSerdes(registry),
                new AvroSerdes(registry.registry), failures);
        byte[] request = new AvroSerdes(registry.registry).forType(OutboundMessage.class).serializer()
                .serialize("ig.outbound.requests", OutboundMessage.newBuilder().setMessageId("held-request")
                        .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(IGSID)
                        .setContent(new TextContent("hello")).setRequestedAt(T0).build());
        registry.down.set(true);

        assertThatThrownBy(() -> harness.rawRequests.pipeInput(IGSID.getBytes(StandardCharsets.UTF_8), request, T0))
                .isInstanceOf(StreamsException.class);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(failures.letters).isEmpty();

        registry.down.set(false);
        harness.rawRequests.pipeInput(IGSID.getBytes(StandardCharsets.UTF_8), request, T0);
        assertThat(harness.statuses.readValuesToList()).extracting(MessageStatus::getMessageId)
                .containsExactly("held-request");
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }
}
