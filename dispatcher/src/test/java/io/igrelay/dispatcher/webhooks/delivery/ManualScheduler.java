package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled engine tasks when the test advances the clock past their time. */
final class ManualScheduler implements EngineScheduler {

    private record Task(Instant at, Runnable run) {
    }

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void at(Instant when, Runnable task) {
        tasks.add(new Task(when, task));
    }

    /** Moves time to the next scheduled task and runs everything due. */
    void runNext() {
        tasks.stream().map(Task::at).min(Comparator.naturalOrder()).ifPresent(at -> {
            if (at.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), at));
            }
            runDue();
        });
    }

    void runDue() {
        List<Task> due = tasks.stream().filter(t -> !t.at().isAfter(clock.instant())).toList();
        tasks.removeAll(due);
        due.forEach(t -> t.run().run());
    }

    int pending() {
        return tasks.size();
    }
}
