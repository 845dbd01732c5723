package io.igrelay.bench;

import java.time.Duration;

/**
 * What every scenario of one run shares: the broker they all measure against, and how long each measurement may
 * run. Scenarios that need more (the services, the sandbox) get it here as the later issues add them.
 */
public record BenchEnvironment(String bootstrapServers, Duration measureFor, Duration warmUpFor) {
}
