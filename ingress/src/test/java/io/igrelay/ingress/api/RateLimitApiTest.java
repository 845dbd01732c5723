package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.config.ApiSettings;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A key over its rate limit gets 429 with Retry-After, while another key is unaffected. */
class RateLimitApiTest {

    private static ApiTestBed bed;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(3, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceTheKeyIsOverItsLimit() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = bed.get("/v1/channels");
            statuses.add(last.statusCode());
        }

        assertThat(statuses).startsWith(200, 200, 200).contains(429);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(new JsonObject(last.body()).getString("errorCode")).isEqualTo("RATE_LIMITED");
        assertThat(bed.send("GET", "/v1/channels", null, java.util.Map.of("x-api-key", bed.otherApiKey))
                .statusCode()).isEqualTo(200);
    }
}
