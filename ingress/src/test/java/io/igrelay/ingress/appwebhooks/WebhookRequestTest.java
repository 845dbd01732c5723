package io.igrelay.ingress.appwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.WebhookRegistration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    private final EndpointPolicy production = new EndpointPolicy(false);
    private final EndpointPolicy dev = new EndpointPolicy(true);

    private static JsonObject valid() {
        return new JsonObject().put("label", "crm").put("endpoint", "https://crm.example.com/hooks")
                .put("eventType", "MessageStatus");
    }

    @Test
    void shouldRequireSignatureByDefault() {
        WebhookRegistration r = WebhookRequest.create(valid(), production);
        assertThat(r.getRequiresSignature()).isTrue();
        assertThat(r.getAuthenticationProtocol()).isEqualTo("NoAuthentication");
    }

    @Test
    void shouldReadHeadersAndFilters() {
        WebhookRegistration r = WebhookRequest.create(valid().put("headers", new JsonObject().put("X-Tenant", "7"))
                .put("filters", new JsonObject().put("channelIds", new JsonArray().add("c1"))
                        .put("statuses", new JsonArray().add("read").add("failed"))), production);
        assertThat(r.getHeaders()).containsEntry("X-Tenant", "7");
        assertThat(r.getFilterChannelIds()).containsExactly("c1");
        assertThat(r.getFilterStatuses()).containsExactly("read", "failed");
    }

    @Test
    void shouldIncludeTheContactOnlyWhenAskedAndKeepItAcrossAPatch() {
        assertThat(WebhookRequest.create(valid(), production).getIncludeContact()).isFalse();
        WebhookRegistration asked = WebhookRequest.create(valid().put("eventType", "Message")
                .put("includeContact", true), production);
        assertThat(asked.getIncludeContact()).isTrue();
        assertThat(WebhookRequest.patch(asked, new JsonObject().put("label", "crm2"), production)
                .getIncludeContact()).isTrue();
        assertThat(WebhookRequest.patch(asked, new JsonObject().put("includeContact", false), production)
                .getIncludeContact()).isFalse();
        assertThatThrownBy(() -> WebhookRequest.create(valid().put("includeContact", "yes"), production))
                .hasMessageContaining("includeContact");
    }

    @Test
    void shouldAcceptEachHubEventType() {
        for (String type : new String[] {"Message", "MessageStatus", "Comment"}) {
            assertThat(WebhookRequest.create(valid().put("eventType", type), production).getEventType().name())
                    .isEqualTo(type);
        }
    }

    @Test
    void shouldNameTheMissingField() {
        assertThatThrownBy(() -> WebhookRequest.create(valid().put("eventType", "Reaction"), production))
                .hasMessageContaining("eventType");
        assertThatThrownBy(() -> WebhookRequest.create(new JsonObject().put("label", "x"), production))
                .hasMessageContaining("endpoint");
    }

    @Test
    void shouldRefusePlainHttpExceptLocalhostInDevMode() {
        JsonObject local = valid().put("endpoint", "http://localhost:9000/h");
        assertThatThrownBy(() -> WebhookRequest.create(local, production)).hasMessageContaining("https");
        assertThat(WebhookRequest.create(local, dev).getEndpoint()).isEqualTo("http://localhost:9000/h");
        assertThatThrownBy(() -> WebhookRequest.create(valid().put("endpoint", "http://10.0.0.1/h"), dev))
                .hasMessageContaining("https");
    }

    @Test
    void shouldRefuseUnknownStatusFilters() {
        JsonObject body = valid().put("filters", new JsonObject().put("statuses", new JsonArray().add("delivered")));
        assertThatThrownBy(() -> WebhookRequest.create(body, production)).hasMessageContaining("statuses");
    }

    @Test
    void shouldPatchOnlyTheGivenFields() {
        WebhookRegistration current = WebhookRequest.create(valid(), production);
        WebhookRegistration next = WebhookRequest.patch(current, new JsonObject().put("label", "renamed"),
                production);
        assertThat(next.getLabel()).isEqualTo("renamed");
        assertThat(next.getEndpoint()).isEqualTo(current.getEndpoint());
    }

    @Test
    void shouldRefuseAnEndpointOnTheHubsOwnPortsInDevMode() {
        assertThatThrownBy(() -> dev.parse("http://localhost:8083/admin/applications/x/keys"))
                .hasMessageContaining("hub's own ports");
        assertThatThrownBy(() -> dev.parse("http://127.0.0.1:8080/v1/messages"))
                .hasMessageContaining("hub's own ports");
        assertThat(dev.parse("http://localhost:9999/hook").getPort()).isEqualTo(9999);
    }
}
