package io.igrelay.schemas.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/*
 * Health that tells the truth: every background part of a service registers a Probe, and readiness and liveness are
 * derived from all of them by one rule. A part is not ready while it starts, waits for a dependency, has died, or is
 * stuck (it has work, lag > 0, and made no progress for readyAfter; or its loop has not turned for readyAfter). It
 * is not alive when it has been dead, stuck or silent for liveAfter (longer), so an orchestrator restarts the
 * process; waiting for a dependency is never a liveness failure, since a restart would not bring the dependency back.
 */
public final class HealthMonitor {

    private final Clock clock;
    private final Duration readyAfter;
    private final Duration liveAfter;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();

    public HealthMonitor(Clock clock, Duration readyAfter, Duration liveAfter) {
        if (liveAfter.compareTo(readyAfter) < 0) {
            throw new IllegalArgumentException("liveAfter must be >= readyAfter");
        }
        this.clock = clock;
        this.readyAfter = readyAfter;
        this.liveAfter = liveAfter;
    }

    /** 30 s to not ready, 5 min to not alive. */
    public static HealthMonitor standard(Clock clock) {
        return new HealthMonitor(clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    public Probe register(String name) {
        Probe probe = new Probe(name, clock);
        probes.add(probe);
        return probe;
    }

    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    public Report report() {
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();
        for (Probe probe : probes) {
            checks.add(check(probe.snapshot(), now));
        }
        boolean ready = checks.stream().allMatch(Check::ready);
        boolean live = checks.stream().allMatch(Check::live);
        return new Report(ready, live, checks);
    }

    private Check check(Probe.Snapshot s, Instant now) {
        Duration inState = Duration.between(s.stateSince(), now);
        boolean stuck = s.lag() > 0 && s.sinceProgress(now).compareTo(readyAfter) > 0
                || s.sinceBeat(now).compareTo(readyAfter) > 0;
        boolean stuckLong = s.lag() > 0 && s.sinceProgress(now).compareTo(liveAfter) > 0
                || s.sinceBeat(now).compareTo(liveAfter) > 0;
        return switch (s.state()) {
            case STOPPED -> new Check(s, "STOPPED", true, true);
            case FAILED -> new Check(s, "FAILED", false, inState.compareTo(liveAfter) <= 0);
            case WAITING -> new Check(s, "WAITING", false, s.sinceBeat(now).compareTo(liveAfter) <= 0);
            case STARTING -> new Check(s, stuck ? "STUCK" : "STARTING", false, !stuckLong);
            case RUNNING -> new Check(s, stuck ? "STUCK" : "RUNNING", !stuck, !stuckLong);
        };
    }

    /** One part's verdict. */
    public record Check(Probe.Snapshot probe, String status, boolean ready, boolean live) {

        public Map<String, Object> toMap(Instant now) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("status", status);
            map.put("ready", ready);
            map.put("live", live);
            if (probe.lag() >= 0) {
                map.put("lag", probe.lag());
            }
            map.put("lastProgressSecondsAgo", probe.sinceProgress(now).toSeconds());
            if (probe.reason() != null) {
                map.put("reason", probe.reason());
            }
            return map;
        }
    }

    /** All parts: ready only if every part is ready, alive only if every part is alive. */
    public record Report(boolean ready, boolean live, List<Check> checks) {

        /** name → check, for a JSON health body. */
        public Map<String, Object> checksAsMap(Instant now) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Check check : checks) {
                map.put(check.probe().name(), check.toMap(now));
            }
            return map;
        }

        /** The sum of the lags the parts know (for a consumer-lag gauge). */
        public long totalLag() {
            return checks.stream().mapToLong(c -> Math.max(0, c.probe().lag())).sum();
        }
    }

    public Clock clock() {
        return clock;
    }
}
