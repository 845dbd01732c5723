package io.igrelay.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.schemas.config.ConfigException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/* The webhook module's in-memory capacities come from WEBHOOK_* variables, with today's sizes as defaults. */
class WebhookSettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]),
            "INSTAGRAM_APP_ID", "1", "INSTAGRAM_APP_SECRET", "s"));

    private WebhookSettings.Capacities capacities() {
        return DispatcherConfig.fromEnv(env).webhooks().capacities();
    }

    @Test
    void shouldDefaultToTodaysCapacities() {
        WebhookSettings.Capacities capacities = capacities();

        assertThat(capacities.statusGateEntries()).isEqualTo(1_000_000);
        assertThat(capacities.gateRestoreRecords()).isEqualTo(1_000_000L);
        assertThat(capacities.recentDeliveries()).isEqualTo(100_000);
        assertThat(capacities.contactProfiles()).isEqualTo(100_000);
        assertThat(capacities).isEqualTo(WebhookSettings.Capacities.defaults());
    }

    @Test
    void shouldReadEachCapacityFromItsVariable() {
        env.put("WEBHOOK_STATUS_GATE_ENTRIES", "2000");
        env.put("WEBHOOK_GATE_RESTORE_RECORDS", "3000");
        env.put("WEBHOOK_RECENT_DELIVERIES", "4000");
        env.put("WEBHOOK_CONTACT_PROFILES", "5000");

        assertThat(capacities()).isEqualTo(new WebhookSettings.Capacities(2000, 3000, 4000, 5000));
    }

    @Test
    void shouldNameEveryBadCapacity() {
        env.put("WEBHOOK_CONTACT_PROFILES", "0");
        env.put("WEBHOOK_RECENT_DELIVERIES", "lots");

        assertThatThrownBy(() -> DispatcherConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("WEBHOOK_CONTACT_PROFILES must be between 1 and 100000000, was 0")
                .hasMessageContaining("WEBHOOK_RECENT_DELIVERIES must be an integer, was 'lots'");
    }

    @Test
    void shouldKnowItsVariables() {
        assertThat(DispatcherConfig.knownVariables()).contains("WEBHOOK_STATUS_GATE_ENTRIES",
                "WEBHOOK_GATE_RESTORE_RECORDS", "WEBHOOK_RECENT_DELIVERIES", "WEBHOOK_CONTACT_PROFILES");
    }
}
