package io.igrelay.bench;

import java.time.Duration;

/**
 * What every scenario of one run shares: the broker they all measure against, how long each measurement may run,
 * how many alternating runs a row that measures its own reference makes, and whether this is the short form that
 * CI runs (every row for seconds, so a broken row fails the build; its figures prove nothing), and the broker's
 * process id (0 when unknown), for rows that report how the machine's CPU was shared.
 */
public record BenchEnvironment(String bootstrapServers, Duration measureFor, Duration warmUpFor, int runs,
                               boolean smoke, long brokerPid) {

    public BenchEnvironment(String bootstrapServers, Duration measureFor, Duration warmUpFor) {
        this(bootstrapServers, measureFor, warmUpFor, 1, false, 0);
    }
}
