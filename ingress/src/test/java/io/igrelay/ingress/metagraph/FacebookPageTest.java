package io.igrelay.ingress.metagraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Page whose tasks do not include a role that may message cannot carry a channel; casing does not matter. */
class FacebookPageTest {

    private static FacebookPage page(Optional<List<String>> tasks) {
        return new FacebookPage("1", "Shop", "token", tasks, Optional.empty());
    }

    @Test
    void shouldAllowMessagingOnlyWithTheMessagingOrManageTask() {
        assertThat(page(Optional.of(List.of("ANALYZE", "ADVERTISE"))).canMessage()).isFalse();
        assertThat(page(Optional.of(List.of("MESSAGING"))).canMessage()).isTrue();
        assertThat(page(Optional.of(List.of("MANAGE"))).canMessage()).isTrue();
    }

    @Test
    void shouldAllowTheModeratorRoleAndTheTaskNameMetasSendGuideUses() {
        assertThat(page(Optional.of(List.of("MODERATE", "ANALYZE"))).canMessage()).isTrue();
        assertThat(page(Optional.of(List.of("MESSAGE"))).canMessage()).isTrue();
    }

    @Test
    void shouldCompareTasksWithoutRegardToCase() {
        assertThat(page(Optional.of(List.of("messaging"))).canMessage()).isTrue();
        assertThat(page(Optional.of(List.of("Manage"))).canMessage()).isTrue();
    }

    @Test
    void shouldNotAllowContentOrAdsRolesAlone() {
        assertThat(page(Optional.of(List.of("CREATE_CONTENT", "ADVERTISE", "ANALYZE"))).canMessage()).isFalse();
    }

    @Test
    void shouldNeverShowThePageTokenInItsText() {
        assertThat(page(Optional.empty()).toString()).doesNotContain("token,").contains("<redacted>");
    }
}
