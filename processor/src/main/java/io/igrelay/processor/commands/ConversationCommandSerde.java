package io.igrelay.processor.commands;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.SendRecord;
import io.igrelay.processor.deletion.ChannelPurge;
import io.igrelay.processor.state.JsonSerde;
import io.igrelay.schemas.serde.AvroSerdes;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link ConversationCommand} on the wire: one tag byte, then the variant in its own format (Avro in the Confluent
 * framing for the contract types, JSON for the internal purge). Each Avro variant registers under its own subject
 * ({@code <topic>.sent-value}, {@code <topic>.erase-value}), so the topic-named subjects never mix two record types.
 */
public final class ConversationCommandSerde {

    static final byte SENT = 1;
    static final byte ERASE = 2;
    static final byte PURGE = 3;

    private ConversationCommandSerde() {
    }

    public static Serde<ConversationCommand> of(AvroSerdes serdes) {
        Serde<SendRecord> sent = serdes.forType(SendRecord.class);
        Serde<DeletionRequest> erase = serdes.forType(DeletionRequest.class);
        Serde<ChannelPurge> purge = JsonSerde.of(ChannelPurge.class);
        Serializer<ConversationCommand> serializer = (topic, command) -> {
            if (command == null) {
                return null;
            }
            if (command instanceof ConversationCommand.Sent s) {
                return tagged(SENT, sent.serializer().serialize(topic + ".sent", s.record()));
            }
            if (command instanceof ConversationCommand.Erase e) {
                return tagged(ERASE, erase.serializer().serialize(topic + ".erase", e.request()));
            }
            return tagged(PURGE, purge.serializer().serialize(topic, ((ConversationCommand.Purge) command).purge()));
        };
        Deserializer<ConversationCommand> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 2) {
                throw new SerializationException("conversation command of " + bytes.length + " bytes on " + topic);
            }
            byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case SENT -> new ConversationCommand.Sent(sent.deserializer().deserialize(topic + ".sent", body));
                case ERASE -> new ConversationCommand.Erase(
                        erase.deserializer().deserialize(topic + ".erase", body));
                case PURGE -> new ConversationCommand.Purge(purge.deserializer().deserialize(topic, body));
                default -> throw new SerializationException("unknown conversation command tag " + bytes[0] + " on "
                        + topic);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
