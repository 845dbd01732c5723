package io.igrelay.schemas.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from environment variables and collects every problem instead of failing on the first, so a
 * service that cannot start says everything that is wrong in one message (contract §3). Secret values are never
 * echoed in problems.
 */
public final class EnvReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A variable without default; records a problem (and returns "") when absent. */
    public String required(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problems.add(name + " is required but not set");
            return "";
        }
        return value.get();
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                problems.add(name + " must be between " + min + " and " + max + ", was " + value);
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " must be an integer, was '" + raw.get() + "'");
            return defaultValue;
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> {
                problems.add(name + " must be true or false, was '" + raw.get() + "'");
                yield defaultValue;
            }
        };
    }

    /** Durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT10S}). */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(raw.get());
        } catch (RuntimeException e) {
            problems.add(name + " must be a duration like 500ms, 10s, 24h or PT10S, was '" + raw.get() + "'");
            return defaultValue;
        }
    }

    /** An absolute http(s) URL, returned without a trailing slash. */
    public URI url(String name, String defaultValue) {
        String raw = string(name, defaultValue);
        if (raw == null) {
            problems.add(name + " is required but not set");
            return URI.create("http://invalid");
        }
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                problems.add(name + " must be an absolute http(s) URL, was '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(name + " is not a valid URL: " + e.getMessage());
            return URI.create("http://invalid");
        }
    }

    /** Records a problem found by a caller-specific check (a parse that {@code EnvReader} does not know). */
    public void problem(String message) {
        problems.add(message);
    }

    /** Every variable starting with {@code prefix}, for pass-through settings such as {@code KAFKA_*}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new java.util.TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null) {
                result.put(k, v);
            }
        });
        return result;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws one {@link ConfigException} naming every problem collected so far. */
    public void throwIfProblems(String service) {
        if (!problems.isEmpty()) {
            throw new ConfigException(service, problems);
        }
    }
}
