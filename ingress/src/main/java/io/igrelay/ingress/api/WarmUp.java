package io.igrelay.ingress.api;

import io.igrelay.avro.Application;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.avro.TextContent;
import io.igrelay.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Registers (or looks up) the value schemas the API writes before it serves, by serializing one sample of each with
 * the producer's own serializer: its id cache is then warm and no request blocks the event loop on the registry.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void registerSchemas(Serializer<Object> serializer, String prefix) {
        Instant now = Instant.now();
        serializer.serialize(Topics.OUTBOUND_REQUESTS.name(prefix), OutboundMessage.newBuilder()
                .setMessageId("warm-up").setApplicationId("warm-up").setFrom("warm-up").setTo("0")
                .setContent(new TextContent("warm-up")).setRequestedAt(now).build());
        serializer.serialize(Topics.MESSAGE_STATUS.name(prefix), MessageStatus.newBuilder()
                .setMessageId("warm-up").setTo("0").setStatus(DeliveryState.ENQUEUED).setMetaMessageIds(List.of())
                .setAt(now).build());
        serializer.serialize(Topics.DELETIONS.name(prefix), DeletionRequest.newBuilder()
                .setConfirmationCode("warm-up").setSubjectType(DeletionSubject.IGSID).setSubjectId("0")
                .setRequestedAt(now).build());
        serializer.serialize(Topics.APPLICATIONS.name(prefix), Application.newBuilder()
                .setApplicationId("warm-up").setName("warm-up").setApiKeys(List.of()).setCreatedAt(now)
                .setUpdatedAt(now).build());
        serializer.serialize(Topics.ATTACHMENTS.name(prefix), ReusableAttachment.newBuilder().setChannelId("warm-up")
                .setApplicationId("warm-up").setAttachmentId("0").setKind(MediaKind.IMAGE).setUrl("https://warm.up")
                .setUploadedAt(now).setExpiresAt(now).build());
    }
}
