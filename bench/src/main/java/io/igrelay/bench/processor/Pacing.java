package io.igrelay.bench.processor;

/** When the n-th record of a steady-rate run is due, relative to the run's start (no drift over long runs). */
final class Pacing {

    private Pacing() {
    }

    static long offsetNanos(long n, int perSecond) {
        return n * 1_000_000_000L / perSecond;
    }
}
