package io.igrelay.local.drill;

/** The drill could not set itself up; the message is for the person at the terminal, printed without a trace. */
final class DrillException extends RuntimeException {

    DrillException(String message) {
        super(message);
    }
}
