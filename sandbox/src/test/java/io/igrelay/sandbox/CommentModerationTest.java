package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.Comments;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Meta's comment moderation on both hosts: a public reply joins the top-level comment's thread, hiding and deleting
 * answer success, and what Meta refuses (no message, a hidden comment, a live video, a comment of another account,
 * an unknown id, no token) is refused in Meta's error shape.
 */
class CommentModerationTest extends SandboxTestBase {

    private String comment(String text, String parentId, boolean live) {
        return sandbox.users().comments().comment("fixture.shop", USER, text, null, parentId, live).mid();
    }

    private HttpResponse<String> ig(String method, String path, String token) {
        return call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl() + "/v23.0/" + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode error(HttpResponse<String> r) {
        return json(r).path("error");
    }

    @Test
    void shouldReplyPubliclyInTheThreadOfTheTopLevelComment() {
        String top = comment("price?", null, false);
        String answer = comment("and in green?", top, false);
        HttpResponse<String> r = ig("POST", answer + "/replies?message=Yes%2C%20in%20green%20too", igToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Comments.Comment reply = sandbox.state().comments().find(json(r).path("id").asText()).orElseThrow();
        assertThat(reply.parentId()).isEqualTo(top);
        assertThat(reply.text()).isEqualTo("Yes, in green too");
        assertThat(reply.authorIgsid()).isEqualTo(A);
    }

    @Test
    void shouldReplyOnTheFacebookHostWithAPageToken() {
        String top = comment("price?", null, false);
        HttpResponse<String> r = postForm(sandbox.graphFacebookUrl() + "/v23.0/" + top + "/replies",
                "message=12%20EUR&access_token=" + pageToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("id").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseAReplyWithoutMessageToAHiddenCommentOrOnALiveVideo() {
        String top = comment("price?", null, false);
        HttpResponse<String> empty = ig("POST", top + "/replies", igToken());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(error(empty).path("code").asInt()).isEqualTo(100);
        assertThat(error(empty).path("message").asText()).contains("message");
        assertThat(error(empty).path("fbtrace_id").asText()).isNotBlank();

        assertThat(json(ig("POST", top + "?hide=true", igToken())).path("success").asBoolean()).isTrue();
        HttpResponse<String> hidden = ig("POST", top + "/replies?message=hi", igToken());
        assertThat(hidden.statusCode()).isEqualTo(400);
        assertThat(error(hidden).path("message").asText()).contains("hidden");
        assertThat(json(ig("POST", top + "?hide=false", igToken())).path("success").asBoolean()).isTrue();
        assertThat(ig("POST", top + "/replies?message=hi", igToken()).statusCode()).isEqualTo(200);

        String live = comment("hello", null, true);
        HttpResponse<String> onLive = ig("POST", live + "/replies?message=hi", igToken());
        assertThat(onLive.statusCode()).isEqualTo(400);
        assertThat(error(onLive).path("message").asText()).contains("live video");
    }

    @Test
    void shouldDeleteACommentWithItsRepliesAndThenNotKnowIt() {
        String top = comment("price?", null, false);
        String answer = comment("and in green?", top, false);
        HttpResponse<String> deleted = ig("DELETE", top, igToken());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).path("success").asBoolean()).isTrue();
        assertThat(sandbox.state().comments().find(answer)).isEmpty();
        HttpResponse<String> again = ig("DELETE", top, igToken());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again).path("code").asInt()).isEqualTo(100);
        assertThat(error(again).path("error_subcode").asInt()).isEqualTo(33);
        assertThat(error(again).path("message").asText()).startsWith("Unsupported delete request");
    }

    @Test
    void shouldAnswerACommentOfAnotherAccountLikeAnUnknownOneAndRequireAToken() {
        String other = sandbox.users().comments().comment("fixture.studio", USER, "hi", null, null, false).mid();
        HttpResponse<String> r = ig("POST", other + "?hide=true", igToken());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("error_subcode").asInt()).isEqualTo(33);
        assertThat(error(r).path("message").asText()).startsWith("Unsupported post request");
        HttpResponse<String> noToken = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl()
                + "/v23.0/" + other + "?hide=true")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(error(noToken).path("code").asInt()).isEqualTo(104);
    }
}
