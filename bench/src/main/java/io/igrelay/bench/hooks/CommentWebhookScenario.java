package io.igrelay.bench.hooks;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.LatencySummary;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The Comment row beside the Message row: signed Meta {@code comments} webhooks (a customer commenting on one of the
 * account's reels) POSTed to the real ingress at 1,000/s over 100 accounts and 1,000 customers → processor (comment
 * ingest, dedup by comment id) → dispatcher webhook delivery → the first attempt of the {@code Comment} event at 100
 * Applications' endpoints, each registered for {@code Message} (the readiness probe) and {@code Comment}. Same hub,
 * settings, warm-up and target as {@link WebhookFanOutScenario}'s healthy row, which it is quoted against.
 */
public final class CommentWebhookScenario implements Scenario {

    public static final String NAME = "app webhooks: Meta comment in → 1st Comment attempt (1,000/s, 100 endpoints)";
    private static final Duration WARM_UP = Duration.ofSeconds(40);
    private static final Duration MIN_MEASURE = Duration.ofSeconds(20);

    private volatile String outcome = "";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return WebhookFanOutScenario.nameFor(WebhookFanOutScenario.Mode.HEALTHY);
    }

    @Override
    public String note() {
        return "signed Meta comments webhooks (field comments on a reel) POSTed to the real ingress at 1,000/s over 100 "
                + "accounts and 1,000 customers → real processor → dispatcher webhook delivery → 100 endpoints "
                + "registered for Comment (and Message, which probes them ready); latency = the Meta POST's start to "
                + "the first attempt of the Comment event at the endpoint (one clock); measured after a 40 s warm-up "
                + "at the full rate; target p50 < 500 ms, p99 < 2 s, as the Message row" + outcome;
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        boolean smoke = environment.smoke();
        Duration measure = smoke ? Duration.ofSeconds(2) : longer(environment.measureFor(), MIN_MEASURE);
        int warm = count(smoke ? Duration.ofSeconds(2) : WARM_UP);
        int total = warm + count(measure);
        AtomicLongArray sentAt = new AtomicLongArray(total);
        LatencySummary summary;
        try (CustomerEndpoints endpoints = new CustomerEndpoints(FanOutExperiment.ENDPOINTS, total);
             HubUnderTest hub = new HubUnderTest(environment.bootstrapServers(), BenchKafka.uniquePrefix("comments"))
                     .start();
             MetaSender meta = new MetaSender(hub.ingressPort(), HubUnderTest.APP_SECRET)) {
            new Tenants(hub.bootstrap(), hub.prefix(), hub.managementPort(), hub.ingressPort(), BenchKafka.serdes())
                    .register(FanOutExperiment.ENDPOINTS, endpoints, i -> "bench-token-" + i,
                            List.of("Message", "Comment"));
            endpoints.awaitProbed(meta, FanOutExperiment.ENDPOINTS, Duration.ofSeconds(120));
            meta.pacedComments(0, total, FanOutExperiment.RATE, FanOutExperiment.ENDPOINTS, sentAt);
            meta.awaitAnswers(Duration.ofSeconds(30));
            summary = FanOutExperiment.collect(endpoints, sentAt, warm, total, false);
        }
        boolean met = summary.p50Ms() < 500 && summary.p99Ms() < 2000;
        outcome = met ? " — met" : " — NOT met";
        return new ScenarioResult(name(), reference(), summary.samples(), 0, measure, Optional.of(summary))
                .withTarget("p50 < 500 ms, p99 < 2 s", met);
    }

    private static int count(Duration duration) {
        return (int) (FanOutExperiment.RATE * duration.toMillis() / 1000);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
