package io.igrelay.dispatcher.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.MetaSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/*
 * Comment operations as Meta documents them (https://developers.facebook.com/docs/instagram-platform/
 * comment-moderation, https://developers.facebook.com/docs/instagram-platform/private-replies), on both hosts.
 */
class CommentCallsTest {

    private static final String COMMENT = "17919697626119712";
    private final MetaSettings meta = MetaSettings.read(new EnvReader(Map.of(
            "META_APP_ID", "1", "META_APP_SECRET", "key", "INSTAGRAM_APP_ID", "2", "INSTAGRAM_APP_SECRET", "ig",
            "GRAPH_FACEBOOK_URL", "http://localhost:9/graph.facebook.com",
            "GRAPH_INSTAGRAM_URL", "http://localhost:9/graph.instagram.com", "GRAPH_API_VERSION", "v23.0")));
    private final GraphRequestFactory factory = new GraphRequestFactory(meta, new SendBodyMapper());

    private static DispatchCommand command(CommentActionKind kind, String text) {
        return Commands.of(new TextContent(text)).setComment(new CommentAction(COMMENT, kind)).build();
    }

    private GraphRequest call(CommentActionKind kind, String text, Flavour flavour) {
        return factory.calls(command(kind, text), flavour, "the-token").get(0);
    }

    @Test
    void shouldPostAPublicReplyToTheCommentsRepliesEdgeWithTheMessageInTheQuery() {
        GraphRequest call = call(CommentActionKind.PUBLIC_REPLY, "Thanks, Ana & co!", Flavour.INSTAGRAM_LOGIN);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.uri().getPath()).isEqualTo("/graph.instagram.com/v23.0/" + COMMENT + "/replies");
        assertThat(call.uri().getQuery()).isEqualTo("message=Thanks, Ana & co!");
        assertThat(call.bearerToken()).contains("the-token");
        assertThat(call.body()).isEmpty();
    }

    @Test
    void shouldSendAPrivateReplyThroughTheSendApiToTheCommentId() {
        GraphRequest call = call(CommentActionKind.PRIVATE_REPLY, "It is 49 EUR", Flavour.FACEBOOK_LOGIN);

        assertThat(call.uri().getPath()).isEqualTo("/graph.facebook.com/v23.0/me/messages");
        assertThat(new JsonObject(call.body())).isEqualTo(new JsonObject()
                .put("recipient", new JsonObject().put("comment_id", COMMENT))
                .put("message", new JsonObject().put("text", "It is 49 EUR")));
    }

    @Test
    void shouldHideUnhideAndDeleteOnTheCommentNodeWithThePageTokenAndProofOnFacebookLogin() {
        GraphRequest hide = call(CommentActionKind.HIDE, "", Flavour.FACEBOOK_LOGIN);
        GraphRequest unhide = call(CommentActionKind.UNHIDE, "", Flavour.FACEBOOK_LOGIN);
        GraphRequest delete = call(CommentActionKind.DELETE, "", Flavour.FACEBOOK_LOGIN);

        assertThat(hide.uri().getPath()).isEqualTo("/graph.facebook.com/v23.0/" + COMMENT);
        assertThat(hide.uri().getQuery()).startsWith("hide=true&access_token=the-token&appsecret_proof=");
        assertThat(unhide.uri().getQuery()).startsWith("hide=false&access_token=");
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.uri().getQuery()).startsWith("access_token=the-token&appsecret_proof=");
        assertThat(hide.toString()).doesNotContain("the-token");
    }
}
