package io.igrelay.dispatcher.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Flavour;
import io.igrelay.dispatcher.Commands;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.AppSecretProof;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/* Each flavour goes to its own host and path with its own credentials; Facebook Login adds appsecret_proof. */
class GraphRequestFactoryTest {

    private final MetaSettings meta = MetaSettings.read(new EnvReader(Map.of(
            "META_APP_ID", "1", "META_APP_SECRET", "key", "INSTAGRAM_APP_ID", "2", "INSTAGRAM_APP_SECRET", "ig",
            "GRAPH_FACEBOOK_URL", "http://localhost:9/graph.facebook.com",
            "GRAPH_INSTAGRAM_URL", "http://localhost:9/graph.instagram.com", "GRAPH_API_VERSION", "v23.0")));
    private final GraphRequestFactory factory = new GraphRequestFactory(meta, new SendBodyMapper());

    @Test
    void shouldPostInstagramLoginCallsToTheAccountWithABearerToken() {
        List<GraphRequest> calls = factory.calls(Commands.text("hi"), Flavour.INSTAGRAM_LOGIN, "IGAA-token");

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.uri().toString())
                    .isEqualTo("http://localhost:9/graph.instagram.com/v23.0/" + Commands.ACCOUNT + "/messages");
            assertThat(call.bearerToken()).contains("IGAA-token");
        });
    }

    @Test
    void shouldPostFacebookLoginCallsToMeWithPageTokenAndAppSecretProof() {
        String token = "The quick brown fox jumps over the lazy dog";

        GraphRequest call = factory.calls(Commands.text("hi"), Flavour.FACEBOOK_LOGIN, token).get(0);

        assertThat(call.bearerToken()).isEmpty();
        assertThat(call.uri().getPath()).isEqualTo("/graph.facebook.com/v23.0/me/messages");
        assertThat(call.uri().getQuery()).isEqualTo("access_token=" + token + "&appsecret_proof="
                + "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"); // RFC-style HMAC vector
    }

    @Test
    void shouldKeepTokensOutOfToString() {
        GraphRequest call = factory.calls(Commands.text("hi"), Flavour.FACEBOOK_LOGIN, "secret-page-token").get(0);

        assertThat(call.toString()).doesNotContain("secret-page-token").doesNotContain("appsecret_proof");
    }

    @Test
    void shouldComputeAppSecretProofAsHexHmacSha256() {
        assertThat(AppSecretProof.of(new Secret("key"), "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
