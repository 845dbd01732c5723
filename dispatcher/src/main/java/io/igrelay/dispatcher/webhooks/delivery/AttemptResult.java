package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/*
 * What one delivery attempt came to: success is a 2xx answer within the time limit; a redirect,
 * any other status, a TLS/DNS/connect error, a refused address or silence are failures, named by errorClass for
 * the attempt log. The body excerpt is capped at 4 KB.
 */
public record AttemptResult(int statusCode, long durationMs, Optional<String> errorClass, String responseBody,
        Optional<Duration> retryAfter) {

    public static final int MAX_BODY = 4096;

    public boolean success() {
        return errorClass.isEmpty() && statusCode >= 200 && statusCode < 300;
    }

    public static AttemptResult answered(int status, long durationMs, String body, Optional<Duration> retryAfter) {
        Optional<String> error = status >= 200 && status < 300 ? Optional.empty()
                : Optional.of(status >= 300 && status < 400 ? "REDIRECT" : "HTTP_STATUS");
        return new AttemptResult(status, durationMs, error, body, retryAfter);
    }

    public static AttemptResult failed(String errorClass, long durationMs) {
        return new AttemptResult(0, durationMs, Optional.of(errorClass), "", Optional.empty());
    }

    /** Retry-After as delta-seconds or an HTTP date; absent or unreadable gives empty. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }
}
