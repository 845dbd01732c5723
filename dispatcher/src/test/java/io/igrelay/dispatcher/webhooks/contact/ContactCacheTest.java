package io.igrelay.dispatcher.webhooks.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ContactCacheTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void shouldKeepAProfileForItsTtlOnly() {
        ContactCache cache = new ContactCache(Duration.ofHours(1), 10, clock);
        cache.put("c1", "u1", new JsonObject().put("name", "Ana"));
        now.set(now.get().plus(Duration.ofMinutes(59)));
        assertThat(cache.get("c1", "u1")).map(j -> j.getString("name")).contains("Ana");
        assertThat(cache.get("c2", "u1")).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(cache.get("c1", "u1")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void shouldDropTheLeastRecentlyUsedBeyondItsCapacity() {
        ContactCache cache = new ContactCache(Duration.ofHours(1), 2, clock);
        cache.put("c", "u1", new JsonObject().put("name", "1"));
        cache.put("c", "u2", new JsonObject().put("name", "2"));
        cache.get("c", "u1");
        cache.put("c", "u3", new JsonObject().put("name", "3"));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("c", "u2")).isEmpty();
        assertThat(cache.get("c", "u1")).isPresent();
        assertThat(cache.get("c", "u3")).isPresent();
    }
}
