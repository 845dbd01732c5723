package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Page whose task list lacks messaging cannot carry a channel (the sandbox always grants MESSAGING). */
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
    void shouldNeverShowThePageTokenInItsText() {
        assertThat(page(Optional.empty()).toString()).doesNotContain("token,").contains("<redacted>");
    }
}
