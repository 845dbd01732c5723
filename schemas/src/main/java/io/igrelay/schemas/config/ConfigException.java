package io.igrelay.schemas.config;

import java.util.List;

/** A service's configuration is unusable; the message names every missing or malformed variable at once. */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String service, List<String> problems) {
        super(service + " cannot start, its configuration has " + problems.size() + " problem(s):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
