package io.igrelay.schemas.topics;

import java.util.List;

/** Thrown at start-up when existing topics do not match the catalogue; the message lists every problem found. */
public class TopicMismatchException extends RuntimeException {

    private final List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super("Kafka topics do not match the igrelay catalogue:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
