package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.sandbox.state.Directory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Attachment Upload and Messenger Profile APIs on both hosts: an upload answers a numeric attachment_id; ice
 * breakers and the persistent menu are set, read back in Meta's shapes and deleted; each documented limit is refused
 * with Meta's invalid-parameter error (code 100, HTTP 400); a Page's call without platform=instagram does not touch
 * the Instagram account's profile; every call lands in the inspection log with its body.
 */
class MessagingSetupTest extends SandboxTestBase {

    private HttpResponse<String> ig(String method, String path, String body) {
        return call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl() + "/v23.0/me/" + path))
                .header("Authorization", "Bearer " + igToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> fb(String method, String path, String body) {
        String sep = path.contains("?") ? "&" : "?";
        return call(HttpRequest.newBuilder(URI.create(sandbox.graphFacebookUrl() + "/v23.0/" + Directory.PAGE_A + "/"
                        + path + sep + "access_token=" + pageToken())).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertInvalidParam(HttpResponse<String> r, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
        assertThat(json(r).at("/error/message").asText()).contains(mentions);
    }

    private static String upload(String type, String url) {
        return "{\"message\":{\"attachment\":{\"type\":\"" + type + "\",\"payload\":{\"url\":\"" + url
                + "\",\"is_reusable\":true}}}}";
    }

    private static String questions(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"question\":\"Q" + i + "?\",\"payload\":\"Q" + i + "\"}")
                .collect(Collectors.joining(",", "{\"ice_breakers\":[{\"locale\":\"default\",\"call_to_actions\":[",
                        "]}]}"));
    }

    private static String menu(int n, String title) {
        return IntStream.range(0, n).mapToObj(i -> "{\"type\":\"postback\",\"title\":\"" + title
                        + "\",\"payload\":\"M" + i + "\"}")
                .collect(Collectors.joining(",", "{\"persistent_menu\":[{\"locale\":\"default\",\"call_to_actions\":[",
                        "]}]}"));
    }

    @Test
    void shouldAnswerAnAttachmentIdForAnUploadOnBothHosts() {
        HttpResponse<String> ig = ig("POST", "message_attachments", upload("image", "https://cdn.example/a.jpg"));
        assertThat(ig.statusCode()).as(ig.body()).isEqualTo(200);
        assertThat(json(ig).path("attachment_id").asText()).matches("[0-9]+");
        HttpResponse<String> fb = fb("POST", "message_attachments", "{\"platform\":\"instagram\","
                + upload("file", "https://cdn.example/a.pdf").substring(1));
        assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
        assertThat(sandbox.state().messaging().attachmentOwner(json(fb).path("attachment_id").asText()))
                .contains(A);
        assertThat(sandbox.state().graphCalls().list(c -> c.pathAndQuery().contains("message_attachments"), 10))
                .hasSize(2).allSatisfy(c -> assertThat(c.httpStatus()).isEqualTo(200));
        HttpResponse<String> inspected = admin("GET", "/graph-calls?account=" + A, null);
        assertThat(json(inspected).at("/data/0/body/message/attachment/payload/url").asText())
                .isEqualTo("https://cdn.example/a.jpg");
    }

    @Test
    void shouldRefuseAnUploadOfAnUnknownTypeOrWithoutUrlOrPlatform() {
        assertInvalidParam(ig("POST", "message_attachments", upload("sticker", "https://cdn.example/a.jpg")),
                "message[attachment][type]");
        assertInvalidParam(ig("POST", "message_attachments", upload("image", "ftp://cdn.example/a.jpg")),
                "message[attachment][payload][url]");
        assertInvalidParam(fb("POST", "message_attachments", upload("image", "https://cdn.example/a.jpg")),
                "platform");
    }

    @Test
    void shouldSetReadAndDeleteIceBreakers() {
        assertThat(ig("POST", "messenger_profile", questions(4)).body()).isEqualTo("{\"result\":\"success\"}");
        HttpResponse<String> read = ig("GET", "messenger_profile?fields=ice_breakers", null);
        assertThat(json(read).at("/data/0/locale").asText()).isEqualTo("default");
        assertThat(json(read).at("/data/0/call_to_actions")).hasSize(4);
        assertThat(ig("DELETE", "messenger_profile", "{\"fields\":[\"ice_breakers\"]}").statusCode()).isEqualTo(200);
        assertThat(json(ig("GET", "messenger_profile?fields=ice_breakers", null)).path("data")).isEmpty();
    }

    @Test
    void shouldRefuseFiveIceBreakersOrNoDefaultLocale() {
        assertInvalidParam(ig("POST", "messenger_profile", questions(5)), "at most 4");
        assertInvalidParam(ig("POST", "messenger_profile", questions(1).replace("default", "en_GB")),
                "default locale");
    }

    @Test
    void shouldKeepThePagesMessengerProfileApartFromItsInstagramOne() {
        assertThat(fb("POST", "messenger_profile", menu(2, "Hours")).statusCode()).isEqualTo(200);
        assertThat(json(fb("GET", "messenger_profile?fields=persistent_menu&platform=instagram", null))
                .path("data")).isEmpty();
        assertThat(fb("POST", "messenger_profile?platform=instagram", menu(20, "Hours")).statusCode())
                .isEqualTo(200);
        assertThat(json(fb("GET", "messenger_profile?fields=persistent_menu&platform=instagram", null))
                .at("/data/0/persistent_menu/0/call_to_actions")).hasSize(20);
    }

    @Test
    void shouldRefuseAMenuOfTwentyOneItemsOrLongTitles() {
        assertInvalidParam(ig("POST", "messenger_profile", menu(21, "Hours")), "1 to 20 items");
        assertInvalidParam(ig("POST", "messenger_profile", menu(1, "x".repeat(31))), "1 to 30 characters");
        assertInvalidParam(ig("POST", "messenger_profile", "{\"persistent_menu\":[{\"locale\":\"default\","
                + "\"call_to_actions\":[{\"type\":\"web_url\",\"title\":\"Shop\"}]}]}"), "url");
    }
}
