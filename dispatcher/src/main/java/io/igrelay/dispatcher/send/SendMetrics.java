package io.igrelay.dispatcher.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * What an operator watches on the Send API path (contract §6.3, 8): sends by outcome, Send API latency, messages in
 * flight, retries by reason, dead letters, ledger skips, possible duplicate sends, account restrictions and pauses
 * asked for by Meta's usage headers. Names are stable: alerts and
 * the benchmark read them.
 */
public final class SendMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter deadLetters;
    private final Counter possibleDuplicates;
    private final Counter ledgerSkips;
    private final Counter writeRetries;

    public SendMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("igrelay.dispatcher.send.latency")
                .description("Send API call latency").publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        registry.gauge("igrelay.dispatcher.in.flight", inFlight);
        this.deadLetters = Counter.builder("igrelay.dispatcher.dlq").description("Records sent to ig.outbound.dlq")
                .register(registry);
        this.possibleDuplicates = Counter.builder("igrelay.dispatcher.possible.duplicates")
                .description("Sends that may have reached Meta twice").register(registry);
        this.ledgerSkips = Counter.builder("igrelay.dispatcher.ledger.skipped")
                .description("Commands skipped because the ledger already holds their outcome").register(registry);
        this.writeRetries = Counter.builder("igrelay.dispatcher.outcome.write.retries")
                .description("Outcome, status, channel-event or dead-letter records sent again after Kafka refused them")
                .register(registry);
    }

    /** outcome: sent, failed, window_closed, expired, channel_refused, dead_lettered. */
    public void outcome(String outcome) {
        registry.counter("igrelay.dispatcher.sends", "outcome", outcome).increment();
    }

    /** reason: transient, rate_limited, throttled (our own bucket). */
    public void retry(String reason) {
        registry.counter("igrelay.dispatcher.retries", "reason", reason).increment();
    }

    public Timer latency() {
        return latency;
    }

    public AtomicInteger inFlight() {
        return inFlight;
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void possibleDuplicate() {
        possibleDuplicates.increment();
    }

    public void ledgerSkip() {
        ledgerSkips.increment();
    }

    /** Meta restricted an account: its sends pause (RestrictionGate). */
    public void accountRestricted() {
        registry.counter("igrelay.dispatcher.account.restrictions").increment();
    }

    /** scope: account or app — a usage header asked to slow down. */
    public void usagePause(String scope) {
        registry.counter("igrelay.dispatcher.usage.pauses", "scope", scope).increment();
    }

    public void writeRetry() {
        writeRetries.increment();
    }
}
