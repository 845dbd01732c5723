package io.igrelay.schemas.failure;

import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/*
 * Decides which FailureKind an exception is, in one place for every consumer. The whole cause chain is read, and a
 * dependency signal anywhere in it wins over a decoding one: a schema lookup that failed because the registry is
 * down surfaces through a deserializer, yet it is not the record's fault and must never skip the record.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable error) {
        if (anyInChain(error, FailureClassifier::isDependencySignal)) {
            return FailureKind.DEPENDENCY_UNAVAILABLE;
        }
        if (anyInChain(error, FailureClassifier::isMalformedSignal)) {
            return FailureKind.MALFORMED;
        }
        return FailureKind.UNEXPECTED;
    }

    /** "ExceptionClass: message" of the innermost cause, for logs and dead letters (never a stack trace). */
    public static String describe(Throwable error) {
        Throwable root = error;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
        }
        String outer = error == root ? "" : error.getClass().getSimpleName() + " caused by ";
        return outer + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static boolean isDependencySignal(Throwable t) {
        if (t instanceof SchemaRegistryException e) {
            int status = e.status();
            // no answer, timeout, throttling, server error, or refused credentials: the registry, not the record
            return status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500;
        }
        return t instanceof RetriableException
                || t instanceof SocketException
                || t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof UnknownHostException
                || t instanceof ClosedChannelException;
    }

    private static boolean isMalformedSignal(Throwable t) {
        if (t instanceof SchemaRegistryException e) {
            return e.isNotFound(); // an id the registry does not know
        }
        return t instanceof MalformedRecordException
                || (t instanceof SerializationException && !(t instanceof RetriableException));
    }

    private static boolean anyInChain(Throwable error, Predicate<Throwable> test) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
