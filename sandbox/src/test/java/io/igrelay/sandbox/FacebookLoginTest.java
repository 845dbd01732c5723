package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.wire.MetaSignatures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Facebook Login end to end: dialog with Page chooser, code exchange, fb_exchange_token, /me/accounts with Page
 * tokens and linked Instagram accounts (one Page has none), Page fields, Page subscription, and a send with the
 * Page token carrying appsecret_proof.
 */
class FacebookLoginTest extends SandboxTestBase {
    static final String REDIRECT = "http://localhost:8080/onboarding/facebook/callback";

    static final String SCOPES = "instagram_basic,instagram_manage_messages,pages_manage_metadata,pages_show_list";

    private String userToken() {
        return userToken("&scope=" + SCOPES);
    }

    /** {@code permissions}: "&scope=..." or "&config_id=...". */
    private String userToken(String permissions) {
        var r = get(sandbox.facebookDialogUrl() + "?client_id=" + SandboxConfig.DEV_META_APP_ID + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s9" + permissions
                + "&response_type=code&sandbox_auto=allow&sandbox_pages=all");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("state=s9").endsWith("#_=_");
        Matcher m = Pattern.compile("code=([^&#]+)").matcher(location);
        assertThat(m.find()).isTrue();
        var tok = get(sandbox.graphFacebookUrl() + "/v23.0/oauth/access_token?client_id="
                + SandboxConfig.DEV_META_APP_ID + "&client_secret=" + SandboxConfig.DEV_META_APP_SECRET
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code=" + m.group(1));
        assertThat(tok.statusCode()).as(tok.body()).isEqualTo(200);
        var longLived = get(sandbox.graphFacebookUrl() + "/v23.0/oauth/access_token?grant_type=fb_exchange_token"
                + "&client_id=" + SandboxConfig.DEV_META_APP_ID + "&client_secret=" + SandboxConfig.DEV_META_APP_SECRET
                + "&fb_exchange_token=" + json(tok).get("access_token").asText());
        assertThat(json(longLived).get("expires_in").asLong()).isEqualTo(Duration.ofDays(60).toSeconds());
        return json(longLived).get("access_token").asText();
    }

    @Test
    void shouldFailTheNextCodeExchangeWithAMetaErrorWhenAFaultIsSet() {
        var set = admin("PUT", "/faults/token-exchange", "{\"flavour\":\"facebook\",\"count\":1}");
        assertThat(json(set).get("pending").asInt()).isEqualTo(1);
        var r = get(sandbox.facebookDialogUrl() + "?client_id=" + SandboxConfig.DEV_META_APP_ID + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s1&scope=pages_show_list"
                + "&response_type=code&sandbox_auto=allow&sandbox_pages=all");
        Matcher m = Pattern.compile("code=([^&#]+)").matcher(r.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        String exchange = sandbox.graphFacebookUrl() + "/v23.0/oauth/access_token?client_id="
                + SandboxConfig.DEV_META_APP_ID + "&client_secret=" + SandboxConfig.DEV_META_APP_SECRET
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code=" + m.group(1);
        var failed = get(exchange);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).at("/error/code").asInt()).isEqualTo(2);
        assertThat(get(exchange).statusCode()).as("the fault was used up; the code is still unused").isEqualTo(200);
        assertThat(admin("PUT", "/faults/token-exchange", "{\"flavour\":\"myspace\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldShowAPageChooserIncludingThePageWithoutInstagram() {
        var r = get(sandbox.facebookDialogUrl() + "?client_id=" + SandboxConfig.DEV_META_APP_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=pages_show_list");
        assertThat(r.body()).contains("type=\"checkbox\"").contains("Fixture Bakery (no Instagram account)");
    }

    @Test
    void shouldListGrantedPagesWithTokensAndLinkedInstagramAccounts() {
        String user = userToken();
        var r = get(sandbox.graphFacebookUrl() + "/v23.0/me/accounts?fields=name,access_token,tasks,"
                + "instagram_business_account&access_token=" + user);
        JsonNode data = json(r).get("data");
        assertThat(data).as("the business-owned Studio Page needs business_management").hasSize(4);
        assertThat(findPage(data, Directory.PAGE_A).get("tasks").toString()).contains("MESSAGING");
        assertThat(findPage(data, Directory.PAGE_WITHOUT_MESSAGING).get("tasks").toString())
                .contains("ANALYZE").doesNotContain("MESSAGING").doesNotContain("MANAGE");
        JsonNode shop = findPage(data, Directory.PAGE_A);
        assertThat(shop.at("/instagram_business_account/id").asText()).isEqualTo(A);
        assertThat(shop.get("access_token").asText()).startsWith("EAA");
        assertThat(findPage(data, Directory.PAGE_WITHOUT_IG).has("instagram_business_account")).isFalse();
        var page = get(sandbox.graphFacebookUrl() + "/v23.0/" + Directory.PAGE_A
                + "?fields=instagram_business_account%7Bid,username%7D&access_token=" + user);
        assertThat(json(page).at("/instagram_business_account/username").asText()).isEqualTo("fixture.shop");
        var ig = get(sandbox.graphFacebookUrl() + "/v23.0/" + A + "?fields=username,name&access_token=" + user);
        assertThat(json(ig).get("username").asText()).isEqualTo("fixture.shop");
        assertThat(json(ig).get("id").asText()).isEqualTo(A);
        var me = get(sandbox.graphFacebookUrl() + "/v23.0/me?access_token=" + user);
        assertThat(json(me).get("id").asText()).isEqualTo(Directory.FB_USER);
    }

    @Test
    void shouldListBusinessOwnedPagesOnlyToATokenWithBusinessManagement() {
        String without = userToken();
        String with = userToken("&scope=" + SCOPES + ",business_management");

        assertThat(pageIds(without)).doesNotContain(Directory.PAGE_B);
        assertThat(pageIds(with)).contains(Directory.PAGE_B);
    }

    @Test
    void shouldGrantTheConfigurationsPermissionsForAFacebookLoginForBusinessConfigId() {
        String user = userToken("&config_id=" + SandboxConfig.DEV_FB_LOGIN_CONFIG_ID);

        assertThat(sandbox.state().tokens().find(user).orElseThrow().scopes())
                .contains("business_management", "instagram_manage_messages", "pages_manage_metadata");
        assertThat(pageIds(user)).contains(Directory.PAGE_B);
    }

    @Test
    void shouldRefuseAnUnknownConfigId() {
        var r = get(sandbox.facebookDialogUrl() + "?client_id=" + SandboxConfig.DEV_META_APP_ID + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&config_id=123&sandbox_auto=allow");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Invalid config_id");
    }

    @Test
    void shouldRefuseAScopeFacebookLoginDoesNotGrant() {
        var r = get(sandbox.facebookDialogUrl() + "?client_id=" + SandboxConfig.DEV_META_APP_ID + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=pages_show_list,instagram_business_manage_messages&sandbox_auto=allow");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Invalid Scopes: instagram_business_manage_messages");
    }

    @Test
    void shouldRefuseListingPagesWithoutPagesShowList() {
        String user = userToken("&scope=instagram_basic,instagram_manage_messages");

        var r = get(sandbox.graphFacebookUrl() + "/v26.0/me/accounts?access_token=" + user);

        assertThat(json(r).at("/error/code").asInt()).isEqualTo(10);
    }

    @Test
    void shouldRefuseInstagramFieldNamesOnAPage() {
        String pageToken = pageToken(userToken());

        var r = postForm(sandbox.graphFacebookUrl() + "/v26.0/" + Directory.PAGE_A + "/subscribed_apps",
                "subscribed_fields=messages,messaging_seen&access_token=" + pageToken);

        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
        assertThat(json(r).at("/error/message").asText()).contains("must be one of").contains("messaging_seen");
    }

    @Test
    void shouldRefuseToSubscribeAPageWithoutPagesManageMetadata() {
        String pageToken = pageToken(userToken("&scope=instagram_basic,instagram_manage_messages,pages_show_list"));

        var r = postForm(sandbox.graphFacebookUrl() + "/v26.0/" + Directory.PAGE_A + "/subscribed_apps",
                "subscribed_fields=messages&access_token=" + pageToken);

        assertThat(json(r).at("/error/code").asInt()).isEqualTo(10);
    }

    private List<String> pageIds(String user) {
        List<String> ids = new ArrayList<>();
        json(get(sandbox.graphFacebookUrl() + "/v26.0/me/accounts?fields=name&access_token=" + user)).get("data")
                .forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private String pageToken(String user) {
        JsonNode data = json(get(sandbox.graphFacebookUrl() + "/v26.0/me/accounts?fields=access_token&access_token="
                + user)).get("data");
        return findPage(data, Directory.PAGE_A).get("access_token").asText();
    }

    @Test
    void shouldSubscribeThePageAndSendWithItsTokenAndAppsecretProof() {
        String user = userToken();
        JsonNode data = json(get(sandbox.graphFacebookUrl() + "/v23.0/me/accounts?fields=access_token&access_token="
                + user)).get("data");
        String pageToken = findPage(data, Directory.PAGE_A).get("access_token").asText();
        var sub = postForm(sandbox.graphFacebookUrl() + "/v23.0/" + Directory.PAGE_A + "/subscribed_apps",
                "subscribed_fields=messages,messaging_postbacks&access_token=" + pageToken);
        assertThat(json(sub).get("success").asBoolean()).isTrue();
        assertThat(sandbox.state().directory().account(A).orElseThrow().subscription().orElseThrow().flavour().name())
                .isEqualTo("FACEBOOK_LOGIN");
        userWrites();
        String proof = MetaSignatures.hex(SandboxConfig.DEV_META_APP_SECRET, pageToken);
        var ok = sendFb(pageToken + "&appsecret_proof=" + proof, Fixtures.bytes("send-request-text.json"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        var bad = sendFb(pageToken + "&appsecret_proof=00", Fixtures.bytes("send-request-text.json"));
        assertThat(json(bad).at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldRefuseAUserTokenOnTheSendApi() {
        userWrites();
        var r = sendFb(userToken(), Fixtures.bytes("send-request-text.json"));
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(190);
    }

    private static JsonNode findPage(JsonNode data, String id) {
        for (JsonNode p : data) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no page " + id);
    }
}
