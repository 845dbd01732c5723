package io.igrelay.dispatcher.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveOption;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderAction;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.StickerContent;
import io.igrelay.avro.TemplateButton;
import io.igrelay.avro.TemplateButtonType;
import io.igrelay.avro.TemplateElement;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.Fixtures;
import io.igrelay.dispatcher.RichContents;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/* Every content kind maps to exactly the body of its meta-fixtures/send-request-*.json, for both flavours. */
class SendBodyMapperTest {

    private static final String MID = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDYzOTIwMTg0NTI3OjM0MDI4MjM2Njg0MTcxMDMwMTI0"
            + "NDI1OTUzNDQ2MjU5MDgwMTk5MTozMTc1OTk4Mjc0NjkzMTAzMzkyNzg2MzkxMzk3NzY1NTE2MgZDZD";

    private final SendBodyMapper mapper = new SendBodyMapper();

    static Stream<Arguments> sameBodyForBothFlavours() {
        List<Arguments> cases = List.of(
                Arguments.of("send-request-text.json", (Supplier<DispatchCommand>) () -> Commands.text(
                        "Yes, the olive tote is in stock. Want me to reserve one for you?")),
                Arguments.of("send-request-image-url.json", media(MediaKind.IMAGE,
                        "https://cdn.fixture-shop.example/media/lookbook-winter-2025.jpg")),
                Arguments.of("send-request-video.json", media(MediaKind.VIDEO,
                        "https://cdn.fixture-shop.example/media/tote-care-guide.mp4")),
                Arguments.of("send-request-audio.json", media(MediaKind.AUDIO,
                        "https://cdn.fixture-shop.example/media/welcome-voice-note.m4a")),
                Arguments.of("send-request-file.json", media(MediaKind.FILE,
                        "https://cdn.fixture-shop.example/media/size-chart.pdf")),
                Arguments.of("send-request-sticker-like-heart.json", (Supplier<DispatchCommand>) () ->
                        Commands.of(new StickerContent("like_heart")).build()),
                Arguments.of("send-request-quick-replies.json", interactive(InteractiveType.BUTTON)),
                Arguments.of("send-request-quick-replies.json", interactive(InteractiveType.LIST)),
                Arguments.of("send-request-button-template.json", (Supplier<DispatchCommand>) () ->
                        Commands.of(InteractiveContent.newBuilder().setType(InteractiveType.CTA_URL)
                                .setBody("What can we help you with?")
                                .setCtaUrl("https://fixture-shop.example/orders/track").setCtaTitle("Track my order")
                                .setOptions(List.of(new InteractiveOption("HANDOFF_HUMAN", "Talk to a person")))
                                .build()).build()),
                Arguments.of("send-request-reaction-react.json", (Supplier<DispatchCommand>) () ->
                        Commands.of(new ReactionContent("hub-msg-1", "\u2764\ufe0f")).setReactionTargetMid(MID)
                                .build()),
                Arguments.of("send-request-reaction-unreact.json", (Supplier<DispatchCommand>) () ->
                        Commands.of(new ReactionContent("hub-msg-1", null)).setReactionTargetMid(MID).build()),
                Arguments.of("send-request-mark-seen.json", action(SenderAction.MARK_SEEN)),
                Arguments.of("send-request-typing-on.json", action(SenderAction.TYPING_ON)));
        return Stream.of(Flavour.values()).flatMap(flavour -> cases.stream()
                .map(c -> Arguments.of(c.get()[0], c.get()[1], flavour)));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("sameBodyForBothFlavours")
    void shouldMapEachContentKindToTheFixtureBody(String fixture, Supplier<DispatchCommand> command, Flavour flavour) {
        List<JsonObject> bodies = mapper.bodies(command.get(), flavour);

        assertThat(bodies).containsExactly(Fixtures.json(fixture));
    }

    @Test
    void shouldSendHumanAgentTagAsMessageTagOnFacebookLogin() {
        assertThat(mapper.bodies(humanAgent(), Flavour.FACEBOOK_LOGIN))
                .containsExactly(Fixtures.json("send-request-human-agent-fb-login.json"));
    }

    @Test
    void shouldSendHumanAgentTagAsTopLevelTagOnInstagramLogin() {
        assertThat(mapper.bodies(humanAgent(), Flavour.INSTAGRAM_LOGIN))
                .containsExactly(Fixtures.json("send-request-human-agent-ig-login.json"));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shouldSendAnImageCaptionAsASecondTextMessageAfterTheImage(Flavour flavour) {
        DispatchCommand command = Commands.of(Commands.media(MediaKind.IMAGE,
                "https://cdn.fixture-shop.example/media/lookbook-winter-2025.jpg", "Winter lookbook")).build();

        List<JsonObject> bodies = mapper.bodies(command, flavour);

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).isEqualTo(Fixtures.json("send-request-image-url.json"));
        assertThat(bodies.get(1)).isEqualTo(new JsonObject()
                .put("recipient", new JsonObject().put("id", Commands.IGSID))
                .put("message", new JsonObject().put("text", "Winter lookbook")));
    }

    static Stream<Arguments> richKinds() {
        List<Arguments> cases = List.of(
                Arguments.of("send-request-images.json", RichContents.images()),
                Arguments.of("send-request-attachment-id.json", RichContents.fileById()),
                Arguments.of("send-request-media-share.json", RichContents.postShare()),
                Arguments.of("send-request-generic-carousel.json", RichContents.carousel()));
        return Stream.of(Flavour.values()).flatMap(flavour -> cases.stream()
                .map(c -> Arguments.of(c.get()[0], c.get()[1], flavour)));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("richKinds")
    void shouldMapEachRichKindToItsDocumentedBody(String fixture, Object content, Flavour flavour) {
        assertThat(mapper.bodies(Commands.of(content).build(), flavour)).containsExactly(Fixtures.local(fixture));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shouldMapASingleCardToTheSharedGenericTemplateFixture(Flavour flavour) {
        DispatchCommand command = Commands.of(RichContents.singleCard()).build();

        assertThat(mapper.bodies(command, flavour)).containsExactly(Fixtures.json("send-request-generic-template.json"));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shouldQuoteTheRepliedMessageOnTheFirstBodyOnly(Flavour flavour) {
        String mid = Fixtures.local("send-request-reply-to.json").getJsonObject("message")
                .getJsonObject("reply_to").getString("mid");
        assertThat(mapper.bodies(Commands.of(new TextContent("Yes, it ships tomorrow.")).setReplyToMid(mid).build(),
                flavour)).containsExactly(Fixtures.local("send-request-reply-to.json"));

        List<JsonObject> captioned = mapper.bodies(Commands.of(Commands.media(MediaKind.IMAGE,
                "https://cdn.fixture-shop.example/media/lookbook-winter-2025.jpg", "Winter lookbook"))
                .setReplyToMid(mid).build(), flavour);
        assertThat(captioned.get(0).getJsonObject("message").getJsonObject("reply_to").getString("mid"))
                .isEqualTo(mid);
        assertThat(captioned.get(1).getJsonObject("message").containsKey("reply_to")).isFalse();
    }

    @Test
    void shouldRefuseAPostbackButtonWithoutPayload() {
        DispatchCommand command = Commands.of(RichContents.template(List.of(TemplateElement.newBuilder()
                .setTitle("T").setButtons(List.of(TemplateButton.newBuilder().setType(TemplateButtonType.POSTBACK)
                        .setTitle("B").build())).build()))).build();

        assertThatThrownBy(() -> mapper.bodies(command, Flavour.INSTAGRAM_LOGIN))
                .isInstanceOf(UnsendableCommandException.class);
    }

    @Test
    void shouldRefuseAReactionWhoseTargetMidIsUnknown() {
        DispatchCommand command = Commands.of(new ReactionContent("hub-msg-1", "\u2764\ufe0f")).build();

        assertThatThrownBy(() -> mapper.bodies(command, Flavour.INSTAGRAM_LOGIN))
                .isInstanceOf(UnsendableCommandException.class)
                .extracting(e -> ((UnsendableCommandException) e).errorCode()).isEqualTo("MESSAGE_NOT_FOUND");
    }

    @Test
    void shouldNeverTagSenderActions() {
        DispatchCommand command = Commands.of(new SenderActionContent(SenderAction.TYPING_OFF))
                .setMessagingType(MessagingType.MESSAGE_TAG).setTag("HUMAN_AGENT").build();

        assertThat(mapper.bodies(command, Flavour.FACEBOOK_LOGIN)).containsExactly(new JsonObject()
                .put("recipient", new JsonObject().put("id", Commands.IGSID)).put("sender_action", "typing_off"));
    }

    private static DispatchCommand humanAgent() {
        return Commands.of(new TextContent(
                        "Sorry for the wait over the weekend. Your refund was approved this morning."))
                .setMessagingType(MessagingType.MESSAGE_TAG).setTag("HUMAN_AGENT").build();
    }

    private static Supplier<DispatchCommand> media(MediaKind kind, String url) {
        return () -> Commands.of(Commands.media(kind, url, null)).build();
    }

    private static Supplier<DispatchCommand> action(SenderAction action) {
        return () -> Commands.of(new SenderActionContent(action)).build();
    }

    private static Supplier<DispatchCommand> interactive(InteractiveType type) {
        return () -> Commands.of(InteractiveContent.newBuilder().setType(type)
                .setBody("How would you like to get your order?")
                .setOptions(List.of(new InteractiveOption("DELIVERY_HOME", "Home delivery"),
                        new InteractiveOption("DELIVERY_PICKUP", "Pick up in store"),
                        new InteractiveOption("HANDOFF_HUMAN", "Talk to a person")))
                .build()).build();
    }
}
