package io.igrelay.dispatcher.webhooks.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.Edit;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.Handover;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Optin;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Application's view of every attachment and of the thread events (edited, optin, handover). */
class MessageContentTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    private static JsonObject body(InstagramEvent event) {
        return new JsonObject(EnvelopeFactory.message(event, "app-1", CREATED).orElseThrow().body(7, false));
    }

    private static Attachment post(String type) {
        return Attachment.newBuilder().setType(type).setUrl("https://cdn/p.jpg").setTitle("New arrivals")
                .setMediaId("18060000000000001").setPayload(Map.of("url", "https://cdn/p.jpg",
                        "title", "New arrivals", "ig_post_media_id", "18060000000000001")).build();
    }

    @Test
    void shouldForwardEveryAttachmentWithAllItsFields() {
        Attachment image = Attachment.newBuilder().setType("image").setUrl("https://cdn/i.jpg")
                .setPayload(Map.of("url", "https://cdn/i.jpg")).build();
        JsonObject content = body(EnvelopeFactoryTest.event(EventKind.MESSAGE).setText("look")
                .setAttachments(List.of(post("share"), post("ig_post"), image)).build()).getJsonObject("content");
        assertThat(content.getString("type")).isEqualTo("share");
        assertThat(content.getString("text")).isEqualTo("look");
        JsonArray attachments = content.getJsonArray("attachments");
        assertThat(attachments).hasSize(3);
        JsonObject second = attachments.getJsonObject(1);
        assertThat(second.getString("type")).isEqualTo("ig_post");
        assertThat(second.getString("url")).isEqualTo("https://cdn/p.jpg");
        assertThat(second.getString("title")).isEqualTo("New arrivals");
        assertThat(second.getString("mediaId")).isEqualTo("18060000000000001");
        assertThat(second.getJsonObject("payload").getString("ig_post_media_id")).isEqualTo("18060000000000001");
        assertThat(attachments.getJsonObject(2).getString("url")).isEqualTo("https://cdn/i.jpg");
    }

    @Test
    void shouldNameASharedPostStoryReelAndEphemeralMediaByTheirType() {
        assertThat(body(EnvelopeFactoryTest.event(EventKind.MESSAGE).setAttachments(List.of(post("ig_post")))
                .build()).getJsonObject("content").getJsonObject("ig_post").getString("mediaId"))
                .isEqualTo("18060000000000001");
        for (String type : List.of("ig_reel", "reel")) {
            assertThat(body(EnvelopeFactoryTest.event(EventKind.MESSAGE).setAttachments(List.of(post(type)))
                    .build()).getJsonObject("content").getString("type")).isEqualTo("reel");
        }
        JsonObject ephemeral = body(EnvelopeFactoryTest.event(EventKind.MESSAGE).setAttachments(List.of(
                Attachment.newBuilder().setType("ephemeral").build())).build()).getJsonObject("content");
        assertThat(ephemeral.getString("type")).isEqualTo("ephemeral");
        assertThat(ephemeral.getJsonArray("attachments").getJsonObject(0).getValue("url")).isNull();
    }

    @Test
    void shouldCarryTheMetaMidOfAMessageSoALaterEditNamesIt() {
        JsonObject message = body(EnvelopeFactoryTest.event(EventKind.MESSAGE).setText("hi").build());
        assertThat(message.getString("mid")).isEqualTo("mid-1");
        JsonObject edit = body(EnvelopeFactoryTest.event(EventKind.EDITED).setEventId("ev-2").setText("hi there")
                .setEdit(new Edit(2)).build());
        assertThat(edit.containsKey("mid")).isFalse();
        JsonObject content = edit.getJsonObject("content");
        assertThat(content.getString("type")).isEqualTo("edited");
        assertThat(content.getJsonObject("edited").getString("mid")).isEqualTo(message.getString("mid"));
        assertThat(content.getJsonObject("edited").getString("text")).isEqualTo("hi there");
        assertThat(content.getJsonObject("edited").getInteger("editCount")).isEqualTo(2);
    }

    @Test
    void shouldForwardAnOptinWithItsTokenAndFields() {
        Optin optin = Optin.newBuilder().setType("notification_messages").setPayload("P").setTitle("Weekly")
                .setToken("tok").setFrequency("DAILY").setTokenExpiresAt(Instant.parse("2027-05-01T00:00:00Z"))
                .setStatus("NOT_REFRESHED").setFields(Map.of("notification_messages_timezone", "UTC")).build();
        JsonObject content = body(EnvelopeFactoryTest.event(EventKind.OPTIN).setMid(null).setOptin(optin).build())
                .getJsonObject("content");
        assertThat(content.getString("type")).isEqualTo("optin");
        JsonObject o = content.getJsonObject("optin");
        assertThat(o.getString("token")).isEqualTo("tok");
        assertThat(o.getString("tokenExpiresAt")).isEqualTo("2027-05-01T00:00:00Z");
        assertThat(o.getJsonObject("fields").getString("notification_messages_timezone")).isEqualTo("UTC");
    }

    @Test
    void shouldForwardAHandoverByMetasActionName() {
        JsonObject body = body(EnvelopeFactoryTest.event(EventKind.HANDOVER).setMid(null).setStandby(true)
                .setHandover(new Handover("pass_thread_control", "200", "263902037430900", null, "to bot")).build());
        JsonObject h = body.getJsonObject("content").getJsonObject("handover");
        assertThat(body.getJsonObject("content").getString("type")).isEqualTo("handover");
        assertThat(h.getString("action")).isEqualTo("pass_thread_control");
        assertThat(h.getString("newOwnerAppId")).isEqualTo("200");
        assertThat(h.getString("previousOwnerAppId")).isEqualTo("263902037430900");
        assertThat(h.getString("metadata")).isEqualTo("to bot");
        assertThat(body.getBoolean("standby")).isTrue();
    }

    @Test
    void shouldForwardAMessageMetaFlagsUnsupportedButNotAnItemOfAnUnknownKind() {
        assertThat(body(EnvelopeFactoryTest.event(EventKind.UNSUPPORTED).setUnsupported(true).build())
                .getJsonObject("content").getString("type")).isEqualTo("unsupported");
        assertThat(EnvelopeFactory.message(EnvelopeFactoryTest.event(EventKind.UNSUPPORTED).setMid(null).build(),
                "app-1", CREATED)).isEmpty();
    }
}
