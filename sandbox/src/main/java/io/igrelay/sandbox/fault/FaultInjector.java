package io.igrelay.sandbox.fault;

import io.igrelay.sandbox.state.Flavour;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides the fault of each Send API call. The n-th call under a plan draws from a generator seeded with
 * (seed, n), so the same seed and call order give the same faults whatever event loop served each call.
 * Scripted steps ("ok", "503", "timeout", or a Meta code such as "2", "613", "190") are consumed first.
 */
public final class FaultInjector {
    private final int baseLatencyMs;
    private volatile FaultPlan plan;
    private final AtomicLong calls = new AtomicLong();
    private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    private final Map<Flavour, AtomicInteger> tokenExchangeFaults = new ConcurrentHashMap<>();

    public FaultInjector(long seed, int baseLatencyMs) {
        this.baseLatencyMs = baseLatencyMs;
        this.plan = FaultPlan.none(seed);
    }

    public void set(FaultPlan p) {
        script.clear();
        script.addAll(p.script());
        calls.set(0);
        this.plan = p;
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The next {@code count} OAuth code/token exchanges of that flavour fail with a Meta error (onboarding tests). */
    public void failTokenExchanges(Flavour flavour, int count) {
        tokenExchangeFaults.computeIfAbsent(flavour, f -> new AtomicInteger()).set(Math.max(0, count));
    }

    public int pendingTokenExchangeFaults(Flavour flavour) {
        AtomicInteger left = tokenExchangeFaults.get(flavour);
        return left == null ? 0 : left.get();
    }

    /** True (and one fewer left) when this exchange is to fail. */
    public boolean takeTokenExchangeFault(Flavour flavour) {
        AtomicInteger left = tokenExchangeFaults.get(flavour);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    public FaultDecision decide(String accountId) {
        FaultPlan p = plan;
        if (baseLatencyMs == 0 && p.isNone()) {
            return FaultDecision.CLEAN;
        }
        if (p.accountId() != null && !p.accountId().equals(accountId)) {
            return new FaultDecision(baseLatencyMs, FaultDecision.Action.NONE, 0);
        }
        SplittableRandom r = new SplittableRandom(p.seed() * 1_000_003L + calls.incrementAndGet());
        int delay = baseLatencyMs + p.latencyMs() + (p.latencyJitterMs() > 0 ? r.nextInt(p.latencyJitterMs() + 1) : 0);
        String step = script.poll();
        if (step != null) {
            return scripted(step, delay);
        }
        double x = r.nextDouble();
        if (x < p.timeoutShare()) {
            return new FaultDecision(delay, FaultDecision.Action.TIMEOUT, 0);
        }
        x -= p.timeoutShare();
        if (x < p.http5xxShare()) {
            return new FaultDecision(delay, FaultDecision.Action.HTTP_503, 0);
        }
        x -= p.http5xxShare();
        if (x < p.transientShare() && !p.transientCodes().isEmpty()) {
            int code = p.transientCodes().get(r.nextInt(p.transientCodes().size()));
            return new FaultDecision(delay, FaultDecision.Action.META_ERROR, code);
        }
        return new FaultDecision(delay, FaultDecision.Action.NONE, 0);
    }

    private static FaultDecision scripted(String step, int delay) {
        return switch (step.toLowerCase()) {
            case "ok" -> new FaultDecision(delay, FaultDecision.Action.NONE, 0);
            case "503", "http503", "5xx" -> new FaultDecision(delay, FaultDecision.Action.HTTP_503, 0);
            case "timeout" -> new FaultDecision(delay, FaultDecision.Action.TIMEOUT, 0);
            default -> new FaultDecision(delay, FaultDecision.Action.META_ERROR, Integer.parseInt(step));
        };
    }
}
