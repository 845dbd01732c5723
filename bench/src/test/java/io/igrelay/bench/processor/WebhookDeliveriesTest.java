package io.igrelay.bench.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor rows' input: Meta-shaped ~1 KiB deliveries, unique mids, and a sequence number that reads back. */
class WebhookDeliveriesTest {

    private final WebhookDeliveries deliveries = new WebhookDeliveries("run1");

    @Test
    void shouldWriteOneInstagramMessagePerDeliveryOfAboutOneKibibyte() {
        var delivery = deliveries.delivery(1234, Instant.parse("2026-11-23T10:00:00Z"));
        byte[] body = new byte[delivery.getBody().remaining()];
        delivery.getBody().duplicate().get(body);

        JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
        var entry = json.getJsonArray("entry").getJsonObject(0);
        var item = entry.getJsonArray("messaging").getJsonObject(0);
        assertThat(json.getString("object")).isEqualTo("instagram");
        assertThat(entry.getString("id")).isEqualTo(WebhookDeliveries.account(1234));
        assertThat(item.getJsonObject("message").getString("mid")).endsWith("run1_1234");
        assertThat(item.getLong("timestamp")).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        assertThat(body.length).isBetween(900, 1100);
    }

    @Test
    void shouldReadTheSequenceNumberBackFromTheDeliveryId() {
        var delivery = deliveries.delivery(987_654, Instant.now());

        assertThat(WebhookDeliveries.seqOf(delivery.getDeliveryId())).isEqualTo(987_654);
        assertThat(WebhookDeliveries.seqOf("8c1e-uuid")).isEqualTo(-1);
        assertThat(WebhookDeliveries.seqOf("bench-x")).isEqualTo(-1);
        assertThat(WebhookDeliveries.seqOf(null)).isEqualTo(-1);
    }

    @Test
    void shouldSpreadDeliveriesOverFiftyAccounts() {
        assertThat(WebhookDeliveries.account(3)).isEqualTo(WebhookDeliveries.account(53));
        assertThat(WebhookDeliveries.account(3)).isNotEqualTo(WebhookDeliveries.account(4));
    }

    @Test
    void shouldDrawUsersFromAHeavyTailOfAHundredThousand() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (long seq = 0; seq < 400_000; seq++) {
            counts.merge(ZipfUsers.user(seq), 1, Integer::sum);
        }

        // Zipf with exponent 1 over 100,000 users: the busiest sends ~1/12 of all, and tens of thousands send some
        assertThat(counts.get(0) / 400_000.0).isBetween(0.07, 0.10);
        assertThat(counts.keySet()).hasSizeGreaterThan(30_000).allSatisfy(u -> assertThat(u).isBetween(0, 99_999));
        assertThat(counts.getOrDefault(1, 0)).isLessThan(counts.get(0));
    }

    @Test
    void shouldPaceWithoutDrift() {
        assertThat(Pacing.offsetNanos(0, 1_000)).isZero();
        assertThat(Pacing.offsetNanos(1_000, 1_000)).isEqualTo(1_000_000_000L);
        assertThat(Pacing.offsetNanos(3, 7)).isEqualTo(428_571_428L);
    }
}
