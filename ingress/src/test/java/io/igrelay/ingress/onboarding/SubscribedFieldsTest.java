package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.schemas.config.ConfigException;
import io.igrelay.schemas.config.EnvReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Page and Instagram webhook fields are two namespaces; each configured list is checked against its own. */
class SubscribedFieldsTest {

    private static OnboardingSettings read(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        OnboardingSettings settings = OnboardingSettings.read(reader);
        reader.throwIfProblems("ingress");
        return settings;
    }

    @Test
    void shouldDefaultToListsMetaAcceptsInEachNamespace() {
        SubscribedFields defaults = OnboardingSettings.defaults().fields();

        assertThat(SubscribedFields.PAGE_FIELDS).containsAll(defaults.page());
        assertThat(SubscribedFields.INSTAGRAM_FIELDS).containsAll(defaults.instagram());
        assertThat(defaults.page()).doesNotContain("messaging_seen", "messaging_referral");
    }

    @Test
    void shouldRefuseInstagramFieldNamesInThePageList() {
        assertThatThrownBy(() -> read(Map.of("ONBOARDING_PAGE_FIELDS", "messages,messaging_seen,messaging_referral")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ONBOARDING_PAGE_FIELDS has [messaging_seen, messaging_referral]");
    }

    @Test
    void shouldRefusePageFieldNamesInTheInstagramList() {
        assertThatThrownBy(() -> read(Map.of("ONBOARDING_SUBSCRIBED_FIELDS", "messages,messaging_referrals")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ONBOARDING_SUBSCRIBED_FIELDS has [messaging_referrals]");
    }

    @Test
    void shouldRefuseAnEmptyList() {
        assertThatThrownBy(() -> read(Map.of("ONBOARDING_PAGE_FIELDS", " , ")))
                .hasMessageContaining("ONBOARDING_PAGE_FIELDS must name at least one Page webhook field");
    }

    @Test
    void shouldTellWhichConfiguredFieldsMetaDoesNotList() {
        SubscribedFields fields = new SubscribedFields(List.of("messages", "messaging_postbacks"),
                List.of("messages", "messaging_seen"));

        assertThat(fields.missing(true, List.of("messages"))).containsExactly("messaging_postbacks");
        assertThat(fields.missing(false, List.of("messages", "messaging_seen", "comments"))).isEmpty();
        assertThat(fields.missing(false, List.of())).containsExactly("messages", "messaging_seen");
    }

    @Test
    void shouldReadTheOptionalFacebookLoginForBusinessConfiguration() {
        assertThat(read(Map.of()).facebookConfigId()).isEmpty();
        assertThat(read(Map.of("FACEBOOK_LOGIN_CONFIG_ID", "900000000000009")).facebookConfigId())
                .contains("900000000000009");
    }
}
