package io.igrelay.bench;

import java.time.Duration;

/**
 * The command line of {@code ./igrelay bench}: how long each scenario measures (default 10 s, after a 2 s
 * warm-up) and how many records the consumer reference reads. {@code --quick} is a smoke run of a few seconds.
 */
public record BenchOptions(Duration measureFor, Duration warmUpFor, int consumerRecords) {

    public static BenchOptions parse(String[] args) {
        var options = new BenchOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), 500_000);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                options = new BenchOptions(Duration.ofSeconds(2), Duration.ofMillis(500), 100_000);
            } else if (arg.startsWith("--seconds=")) {
                options = new BenchOptions(Duration.ofSeconds(Long.parseLong(arg.substring(10))),
                        options.warmUpFor(), options.consumerRecords());
            } else if (arg.startsWith("--consumer-records=")) {
                options = new BenchOptions(options.measureFor(), options.warmUpFor(),
                        Integer.parseInt(arg.substring(19)));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; usage: ./igrelay bench [--quick] [--seconds=N] [--consumer-records=N]");
            }
        }
        return options;
    }
}
