package io.igrelay.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code ./igrelay bench}: how long each scenario measures (default 10 s, after a 2 s
 * warm-up), how many alternating runs a row that compares itself
 * with its reference makes (default 3), and whether to copy the table into README.md. {@code --quick} is the
 * short form of every row (seconds, not minutes), as CI runs it; its figures prove nothing. {@code --soak[=30m]}
 * runs the soak row alone for that long (30 minutes unless told: {@code 90s}, {@code 8m}, {@code 2h}).
 */
public record BenchOptions(Duration measureFor, Duration warmUpFor, int runs, boolean quick, boolean updateReadme,
                           Optional<Duration> soak) {

    public static final String USAGE =
            "usage: ./igrelay bench [--quick] [--seconds=N] [--runs=N] [--readme] | ./igrelay bench --soak[=30m|2h]";
    public static final Duration DEFAULT_SOAK = Duration.ofMinutes(30);
    private static final Duration SHORTEST_SOAK = Duration.ofMinutes(1);

    public BenchOptions(Duration measureFor, Duration warmUpFor, int runs, boolean quick, boolean updateReadme) {
        this(measureFor, warmUpFor, runs, quick, updateReadme, Optional.empty());
    }

    public static BenchOptions parse(String[] args) {
        var options = new BenchOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), 3, false, false);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                options = new BenchOptions(Duration.ofSeconds(2), Duration.ofMillis(500), 1, true,
                        options.updateReadme(), options.soak());
            } else if (arg.equals("--readme")) {
                options = new BenchOptions(options.measureFor(), options.warmUpFor(), options.runs(), options.quick(),
                        true, options.soak());
            } else if (arg.startsWith("--seconds=")) {
                options = new BenchOptions(Duration.ofSeconds(number(arg, 1)), options.warmUpFor(), options.runs(),
                        options.quick(), options.updateReadme(), options.soak());
            } else if (arg.startsWith("--runs=")) {
                options = new BenchOptions(options.measureFor(), options.warmUpFor(), (int) number(arg, 1),
                        options.quick(), options.updateReadme(), options.soak());
            } else if (arg.equals("--soak") || arg.startsWith("--soak=")) {
                Duration soak = arg.equals("--soak") ? DEFAULT_SOAK : duration(arg);
                options = new BenchOptions(options.measureFor(), options.warmUpFor(), options.runs(), options.quick(),
                        options.updateReadme(), Optional.of(soak));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        if (options.quick() && options.updateReadme()) {
            throw new IllegalArgumentException("--readme takes the table of a full run, not of --quick; " + USAGE);
        }
        if (options.soak().isPresent() && (options.quick() || options.updateReadme())) {
            throw new IllegalArgumentException("--soak runs alone: without --quick or --readme; " + USAGE);
        }
        return options;
    }

    public BenchEnvironment environment(String bootstrapServers, long brokerPid) {
        return new BenchEnvironment(bootstrapServers, measureFor, warmUpFor, runs, quick, brokerPid);
    }

    /** "30m", "2h", "90s" (a bare number is minutes); at least a minute, since the soak samples once a minute. */
    static Duration duration(String arg) {
        String value = arg.substring(arg.indexOf('=') + 1).trim().toLowerCase(Locale.ROOT);
        if (!value.matches("\\d{1,6}[smh]?")) {
            throw new IllegalArgumentException(arg + ": '" + value + "' is not a duration like 30m, 2h or 90s; "
                    + USAGE);
        }
        char unit = Character.isDigit(value.charAt(value.length() - 1)) ? 'm' : value.charAt(value.length() - 1);
        long n = Long.parseLong(value.replaceAll("[smh]$", ""));
        Duration soak = switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
        if (soak.compareTo(SHORTEST_SOAK) < 0) {
            throw new IllegalArgumentException(arg + ": a soak lasts at least 1m (it samples once a minute); "
                    + USAGE);
        }
        return soak;
    }

    private static long number(String arg, long minimum) {
        String value = arg.substring(arg.indexOf('=') + 1);
        try {
            long n = Long.parseLong(value);
            if (n < minimum) {
                throw new IllegalArgumentException(arg + ": must be at least " + minimum + "; " + USAGE);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(arg + ": '" + value + "' is not a number; " + USAGE);
        }
    }
}
