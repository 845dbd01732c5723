package io.igrelay.ingress.metagraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.MetaSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the hub asks Meta for: the Facebook dialog's permissions (or a Facebook Login for Business configuration
 * instead), and the account types it accepts from Instagram whatever their casing.
 */
class LoginRequestTest {

    private static final MetaSettings META = MetaSettings.read(new EnvReader(Map.of("META_APP_ID", "1",
            "META_APP_SECRET", "s")));

    private static FacebookLoginClient facebook(Optional<String> configId) {
        return new FacebookLoginClient(null, META, "https://hub.example/onboarding/facebook/callback", configId);
    }

    @Test
    void shouldAskForBusinessManagementAndPagesReadEngagement() {
        String url = facebook(Optional.empty()).dialogUrl("st");

        assertThat(url).contains("scope=").contains("business_management").contains("pages_read_engagement")
                .contains("instagram_manage_messages").contains("pages_manage_metadata");
    }

    @Test
    void shouldSendTheConfigurationInsteadOfTheScopesWhenOneIsSet() {
        String url = facebook(Optional.of("900000000000009")).dialogUrl("st");

        assertThat(url).contains("config_id=900000000000009").doesNotContain("scope=").contains("state=st");
    }

    @Test
    void shouldOpenTheDialogOfTheConfiguredGraphVersion() {
        assertThat(facebook(Optional.empty()).dialogUrl("st"))
                .startsWith("https://www.facebook.com/" + MetaSettings.DEFAULT_GRAPH_API_VERSION + "/dialog/oauth?");
    }

    @Test
    void shouldAcceptProfessionalAccountTypesInAnyCase() {
        assertThat(profile("business").professional()).isTrue();
        assertThat(profile("Media_Creator").professional()).isTrue();
        assertThat(profile("BUSINESS").professional()).isTrue();
    }

    @Test
    void shouldRefusePersonalAndMissingAccountTypes() {
        assertThat(profile("personal").professional()).isFalse();
        assertThat(profile(null).professional()).isFalse();
    }

    private static InstagramLoginClient.InstagramProfile profile(String type) {
        return new InstagramLoginClient.InstagramProfile("1", "shop", type, "2");
    }
}
