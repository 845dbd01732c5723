package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.TokenInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The comment permission (https://developers.facebook.com/docs/instagram-platform/comment-moderation,
 * https://developers.facebook.com/docs/instagram-platform/private-replies): on each host, a token without
 * instagram_business_manage_comments / instagram_manage_comments is refused every comment call with Graph API code
 * 10 (https://developers.facebook.com/docs/graph-api/guides/error-handling) and the comment is left as it was; the
 * same call with the permission passes. A token minted through the Instagram Login dialog, exchanged for a
 * long-lived one and refreshed keeps the permission the dialog granted.
 */
class CommentPermissionTest extends SandboxTestBase {
    private static final String REDIRECT = "http://localhost:8080/onboarding/instagram/callback";
    private static final List<String> IG_WITHOUT = List.of("instagram_business_basic",
            "instagram_business_manage_messages");
    private static final List<String> FB_WITHOUT = List.of("instagram_basic", "instagram_manage_messages",
            "pages_manage_metadata", "pages_messaging", "pages_show_list", "pages_read_engagement");

    private String comment() {
        return sandbox.users().comments().comment("fixture.shop", USER, "price?", null, null, false).mid();
    }

    private String tokenWithout(boolean instagram) {
        long now = sandbox.clock().millis();
        if (instagram) {
            return sandbox.state().tokens().issue(TokenInfo.Kind.IG_LONG, A, now, IG_WITHOUT).token();
        }
        FbPage page = sandbox.state().directory().pageOfAccount(A).orElseThrow();
        return sandbox.state().tokens().issue(TokenInfo.Kind.FB_PAGE, page.id(), now, FB_WITHOUT,
                List.of(page.id()), 0).token();
    }

    private HttpResponse<String> call(boolean instagram, String action, String comment, String token) {
        if (action.equals("private")) {
            byte[] body = ("{\"recipient\":{\"comment_id\":\"" + comment + "\"},\"message\":{\"text\":\"hi\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            return instagram ? sendIg(token, body) : sendFb(token, body);
        }
        String path = switch (action) {
            case "reply" -> comment + "/replies?message=thanks";
            case "hide" -> comment + "?hide=true";
            case "unhide" -> comment + "?hide=false";
            default -> comment;
        };
        String base = instagram ? sandbox.graphInstagramUrl() : sandbox.graphFacebookUrl();
        String sep = path.contains("?") ? "&" : "?";
        return call(HttpRequest.newBuilder(URI.create(base + "/v23.0/" + path + sep + "access_token=" + token))
                .method(action.equals("delete") ? "DELETE" : "POST", HttpRequest.BodyPublishers.noBody()).build());
    }

    @ParameterizedTest(name = "{1} on the {0} host")
    @CsvSource({"true,reply", "true,hide", "true,unhide", "true,delete", "true,private",
            "false,reply", "false,hide", "false,unhide", "false,delete", "false,private"})
    void shouldRefuseACommentCallWithoutTheCommentPermissionAndPassWithIt(boolean instagram, String action) {
        String comment = comment();
        if (action.equals("unhide")) {
            sandbox.state().comments().hide(comment, true);
        }

        HttpResponse<String> refused = call(instagram, action, comment, tokenWithout(instagram));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        JsonNode error = json(refused).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(10);
        assertThat(error.has("error_subcode")).isFalse();
        assertThat(error.path("type").asText()).isEqualTo("OAuthException");
        assertThat(error.path("message").asText()).startsWith("(#10) ")
                .contains(instagram ? "instagram_business_manage_comments" : "instagram_manage_comments");
        assertThat(error.path("fbtrace_id").asText()).isNotBlank();
        Comments.Comment unchanged = sandbox.state().comments().find(comment).orElseThrow();
        assertThat(unchanged.hidden()).isEqualTo(action.equals("unhide"));
        assertThat(sandbox.state().comments().privateReply(comment)).isEmpty();
        assertThat(sandbox.state().comments().replies(comment)).isEmpty();

        HttpResponse<String> passed = call(instagram, action, comment, instagram ? igToken() : pageToken());

        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
    }

    @Test
    void shouldKeepTheCommentPermissionFromTheDialogThroughTheLongLivedExchangeAndARefresh() {
        String granted = get(sandbox.instagramAuthorizeUrl() + "?client_id=" + SandboxConfig.DEV_INSTAGRAM_APP_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&response_type=code"
                + "&scope=instagram_business_basic,instagram_business_manage_messages,"
                + "instagram_business_manage_comments&state=s&sandbox_auto=allow&sandbox_account=fixture.shop")
                .headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("code=([^&#]+)").matcher(granted);
        assertThat(code.find()).isTrue();
        HttpResponse<String> exchanged = postForm(sandbox.instagramApiUrl() + "/oauth/access_token", "client_id="
                + SandboxConfig.DEV_INSTAGRAM_APP_ID + "&client_secret=" + SandboxConfig.DEV_INSTAGRAM_APP_SECRET
                + "&grant_type=authorization_code&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code=" + code.group(1));
        JsonNode grant = json(exchanged).has("data") ? json(exchanged).path("data").get(0) : json(exchanged);
        String longLived = json(get(sandbox.graphInstagramUrl() + "/access_token?grant_type=ig_exchange_token"
                + "&client_secret=" + SandboxConfig.DEV_INSTAGRAM_APP_SECRET + "&access_token="
                + grant.path("access_token").asText())).path("access_token").asText();
        assertThat(call(true, "reply", comment(), longLived).statusCode()).isEqualTo(200);

        advance(Duration.ofDays(2));
        String refreshed = json(get(sandbox.graphInstagramUrl() + "/refresh_access_token?grant_type="
                + "ig_refresh_token&access_token=" + longLived)).path("access_token").asText();

        assertThat(refreshed).isNotEqualTo(longLived);
        assertThat(call(true, "hide", comment(), refreshed).statusCode()).isEqualTo(200);
    }
}
