package io.igrelay.local.drill;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One row of the drill: a fault from the moment it was injected, through the moment it was healed (the part back,
 * the block lifted), until the hub carried traffic again. Traffic sent from its start until the next phase's start
 * is judged in this row. Notes say what was seen; problems make the row fail.
 */
final class Phase {

    final String name;
    final boolean breaksReadiness;
    final long start;
    private volatile long healed;
    private volatile long recovered = -1;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    Phase(String name, boolean breaksReadiness, long start) {
        this.name = name;
        this.breaksReadiness = breaksReadiness;
        this.start = start;
        this.healed = start;
    }

    void healed(long at) {
        healed = at;
    }

    long healed() {
        return healed;
    }

    void recovered(long at) {
        recovered = at;
    }

    /** When the hub carried traffic again, or -1 if it did not within the bound. */
    long recovered() {
        return recovered;
    }

    void note(String note) {
        notes.add(note);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
