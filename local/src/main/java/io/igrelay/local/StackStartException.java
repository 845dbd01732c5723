package io.igrelay.local;

/**
 * A start-up failure whose message is meant for the person at the terminal: it is printed as is, without a stack
 * trace, and the stack stops whatever it had already started.
 */
public class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
