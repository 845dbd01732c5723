package io.igrelay.local.drill;

/**
 * One fault the drill injects: its row name, whether the hub's readiness must show it (a part of the hub or one of
 * its own dependencies broken; not Meta, not an Application, not bad input), and how to inject and heal it. The
 * action returns once the fault is healed; the drill then measures the recovery.
 */
record Fault(String name, boolean breaksReadiness, Action action) {

    @FunctionalInterface
    interface Action {
        void run(Drill drill, Phase phase) throws Exception;
    }
}
