package io.igrelay.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.processor.deletion.ChannelPurge;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import io.igrelay.schemas.serde.AvroSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ConversationCommandSerdeTest {

    private static final String TOPIC = "app-conversation-commands-repartition";
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    private final Serde<ConversationCommand> serde = ConversationCommandSerde.of(
            new AvroSerdes(SchemaRegistryClients.fromUrl("mem://" + UUID.randomUUID(), Optional.empty())));

    @Test
    void shouldCarryEachKindThroughTheTopic() {
        var sent = new ConversationCommand.Sent(SendRecord.newBuilder().setMessageId("a")
                .setConversationKey("1784|9876").setOutcome(SendOutcome.SENT).setMetaMessageIds(List.of("mid-1"))
                .setAt(AT).build());
        var erase = new ConversationCommand.Erase(DeletionRequest.newBuilder().setConfirmationCode("code-1")
                .setSubjectType(DeletionSubject.IGSID).setSubjectId("9876").setApplicationId("app")
                .setRequestedAt(AT).build());
        var purge = new ConversationCommand.Purge(new ChannelPurge("code-2", List.of("ch-1"), Map.of("channels", 1L),
                AT.toEpochMilli(), 6));
        for (ConversationCommand command : List.of(sent, erase, purge)) {
            byte[] bytes = serde.serializer().serialize(TOPIC, command);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(command);
        }
    }

    @Test
    void shouldTagTheKindInTheFirstByte() {
        byte[] purge = serde.serializer().serialize(TOPIC, new ConversationCommand.Purge(
                new ChannelPurge("code", List.of(), Map.of(), 0, 1)));
        assertThat(purge[0]).isEqualTo(ConversationCommandSerde.PURGE);
        assertThat(new String(purge, 1, purge.length - 1)).startsWith("{");
    }

    @Test
    void shouldPassNullThrough() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldRefuseAnUnknownTagOrATruncatedRecord() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown conversation command tag 9");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 bytes");
    }

    @Test
    void shouldMulticastPurgesAndLeaveTheRestToTheKeysPartition() {
        var partitioner = new CommandPartitioner();
        assertThat(partitioner.partitions(TOPIC, "code", new ConversationCommand.Purge(
                new ChannelPurge("code", List.of(), Map.of(), 0, 3)), 3)).contains(Set.of(0, 1, 2));
        assertThat(partitioner.partitions(TOPIC, "9876", new ConversationCommand.Erase(DeletionRequest.newBuilder()
                .setConfirmationCode("c").setSubjectType(DeletionSubject.IGSID).setSubjectId("9876")
                .setApplicationId("app").setRequestedAt(AT).build()), 3)).isEmpty();
    }
}
