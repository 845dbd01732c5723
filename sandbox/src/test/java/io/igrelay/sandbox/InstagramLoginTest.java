package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Business Login for Instagram end to end: consent page, code (single use, bound to redirect_uri), short-lived
 * token, long-lived exchange, refresh only when at least 24 h old and not expired, /me with id ≠ user_id.
 */
class InstagramLoginTest extends SandboxTestBase {
    static final String REDIRECT = "http://localhost:8080/onboarding/instagram/callback";
    static final String SCOPES = "instagram_business_basic,instagram_business_manage_messages";

    private String authorizeUrl(String extra) {
        return sandbox.instagramAuthorizeUrl() + "?client_id=" + SandboxConfig.DEV_INSTAGRAM_APP_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&response_type=code&scope=" + SCOPES + "&state=st-123" + extra;
    }

    String code(String account) {
        var r = get(authorizeUrl("&sandbox_auto=allow&sandbox_account=" + account));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").contains("state=st-123").endsWith("#_");
        Matcher m = Pattern.compile("code=([^&#]+)").matcher(location);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    HttpResponse<String> exchange(String code) {
        return postForm(sandbox.instagramApiUrl() + "/oauth/access_token", "client_id="
                + SandboxConfig.DEV_INSTAGRAM_APP_ID + "&client_secret=" + SandboxConfig.DEV_INSTAGRAM_APP_SECRET
                + "&grant_type=authorization_code&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code=" + code);
    }

    String longLived(String shortToken) {
        var r = get(sandbox.graphInstagramUrl() + "/access_token?grant_type=ig_exchange_token&client_secret="
                + SandboxConfig.DEV_INSTAGRAM_APP_SECRET + "&access_token=" + shortToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("token_type").asText()).isEqualTo("bearer");
        assertThat(json(r).get("expires_in").asLong()).isEqualTo(Duration.ofDays(60).toSeconds());
        return json(r).get("access_token").asText();
    }

    @Test
    void shouldShowTheRequestedScopesWithAllowAndCancel() {
        var r = get(authorizeUrl(""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("instagram_business_manage_messages").contains("id=\"allow\"")
                .contains("id=\"cancel\"").contains("fixture.personal");
    }

    @Test
    void shouldRedirectWithAccessDeniedOnCancel() {
        var r = postForm(sandbox.instagramAuthorizeUrl(), "client_id=" + SandboxConfig.DEV_INSTAGRAM_APP_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=" + SCOPES
                + "&state=s1&account=fixture.shop&decision=cancel");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).contains("error=access_denied")
                .contains("error_reason=user_denied").contains("state=s1");
    }

    @Test
    void shouldRunTheWholeFlowAndExposeTheIdTrapOnMe() {
        var r = exchange(code("fixture.shop"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode data = json(r).at("/data/0");
        assertThat(data.get("permissions").asText()).isEqualTo(SCOPES);
        String longToken = longLived(data.get("access_token").asText());
        var me = get(sandbox.graphInstagramUrl() + "/v23.0/me?fields=user_id,username,account_type&access_token="
                + longToken);
        JsonNode body = json(me);
        assertThat(body.get("user_id").asText()).isEqualTo(A);
        assertThat(body.get("id").asText()).isNotEqualTo(body.get("user_id").asText())
                .isEqualTo(data.get("user_id").asText());
        assertThat(body.get("username").asText()).isEqualTo("fixture.shop");
        assertThat(body.get("account_type").asText()).isEqualTo("BUSINESS");
    }

    @Test
    void shouldRefuseACodeTwiceOrForAnotherRedirectUri() {
        String code = code("fixture.shop");
        assertThat(exchange(code).statusCode()).isEqualTo(200);
        var again = exchange(code);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("error_type").asText()).isEqualTo("OAuthException");
    }

    @Test
    void shouldRefreshOnlyTokensAtLeast24HoursOldAndNotExpired() {
        String shortToken = json(exchange(code("fixture.shop"))).at("/data/0/access_token").asText();
        String longToken = longLived(shortToken);
        String refresh = sandbox.graphInstagramUrl() + "/refresh_access_token?grant_type=ig_refresh_token"
                + "&access_token=";
        assertThat(get(refresh + longToken).statusCode()).isEqualTo(400);
        assertThat(get(refresh + shortToken).statusCode()).isEqualTo(400);
        advance(Duration.ofHours(24));
        var ok = get(refresh + longToken);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("expires_in").asLong()).isEqualTo(Duration.ofDays(60).toSeconds());
        advance(Duration.ofDays(60));
        var expired = get(refresh + longToken);
        assertThat(json(expired).at("/error/code").asInt()).isEqualTo(190);
        assertThat(json(expired).at("/error/error_subcode").asInt()).isEqualTo(463);
    }

    @Test
    void shouldExpireTheShortLivedTokenAfterAnHour() {
        String shortToken = json(exchange(code("fixture.shop"))).at("/data/0/access_token").asText();
        advance(Duration.ofHours(1));
        var r = get(sandbox.graphInstagramUrl() + "/access_token?grant_type=ig_exchange_token&client_secret="
                + SandboxConfig.DEV_INSTAGRAM_APP_SECRET + "&access_token=" + shortToken);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(190);
    }

    @Test
    void shouldRefuseToSendWithATokenLackingTheMessagingScope() {
        var r = get(authorizeUrl("&sandbox_auto=allow").replace(SCOPES, "instagram_business_basic"));
        Matcher m = Pattern.compile("code=([^&#]+)").matcher(r.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        String token = longLived(json(exchange(m.group(1))).at("/data/0/access_token").asText());
        userWrites();
        var send = sendIg(token, Fixtures.bytes("send-request-text.json"));
        assertThat(send.statusCode()).isEqualTo(403);
        assertThat(json(send).at("/error/code").asInt()).isEqualTo(10);
        assertThat(json(send).at("/error").has("error_subcode")).isFalse();
    }

    @Test
    void shouldReportAPersonalAccountAsSuch() {
        String token = longLived(json(exchange(code("fixture.personal"))).at("/data/0/access_token").asText());
        var me = get(sandbox.graphInstagramUrl() + "/v23.0/me?fields=user_id,account_type&access_token=" + token);
        assertThat(json(me).get("account_type").asText()).isEqualTo("PERSONAL");
    }

    @Test
    void shouldSubscribeTheAccountWithBearerToken() {
        String token = longLived(json(exchange(code("fixture.shop"))).at("/data/0/access_token").asText());
        var r = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl()
                + "/v23.0/me/subscribed_apps?subscribed_fields=messages,messaging_postbacks,messaging_seen,"
                + "message_reactions,messaging_referral")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(json(r).get("success").asBoolean()).isTrue();
        var list = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl() + "/v23.0/me/subscribed_apps"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(json(list).at("/data/0/subscribed_fields")).hasSize(5);
        var bad = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl()
                + "/v23.0/me/subscribed_apps?subscribed_fields=nonsense")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(json(bad).at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldRefusePageFieldNamesOnAnInstagramAccount() {
        String token = longLived(json(exchange(code("fixture.shop"))).at("/data/0/access_token").asText());

        var r = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl()
                + "/v26.0/me/subscribed_apps?subscribed_fields=messages,messaging_referrals"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(json(r).at("/error/message").asText()).contains("must be one of").contains("messaging_referrals");
    }

    @Test
    void shouldRefuseAScopeInstagramLoginDoesNotGrant() {
        var r = get(sandbox.instagramAuthorizeUrl() + "?client_id=" + SandboxConfig.DEV_INSTAGRAM_APP_ID
                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code"
                + "&scope=instagram_business_basic,pages_show_list&sandbox_auto=allow");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Invalid Scopes: pages_show_list");
    }
}
