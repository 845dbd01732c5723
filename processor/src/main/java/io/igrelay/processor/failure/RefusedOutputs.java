package io.igrelay.processor.failure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Lets the production policy name the input record behind an output the broker refused for good. A refusal the
 * broker answers comes back on the producer's network thread, where Kafka Streams' error context is whichever record
 * the stream thread handles at that moment, and under exactly_once_v2 it also dooms the open transaction. So the
 * refused output is remembered here (topic, key and value bytes), the task runs again from its last commit, and
 * when the same input makes the same output again the wrapped producer refuses it at once, on the stream thread,
 * without sending it: the error context is then that input, and the transaction stays clean. Bounded: the oldest
 * refusals are forgotten first. Assumes an input makes the same bytes when processed again (the topologies are
 * deterministic: no clock reads outside the record).
 */
public final class RefusedOutputs {

    private static final int REMEMBERED = 1024;

    /** What identifies one output: its topic and a digest of its key and value bytes. */
    record Fingerprint(String topic, int keyLength, int keyHash, int valueLength, int valueHash) {

        static Fingerprint of(ProducerRecord<byte[], byte[]> record) {
            byte[] key = record.key();
            byte[] value = record.value();
            return new Fingerprint(record.topic(), key == null ? -1 : key.length, Arrays.hashCode(key),
                    value == null ? -1 : value.length, Arrays.hashCode(value));
        }
    }

    private final Map<Fingerprint, Exception> refused = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Fingerprint, Exception> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** Exceptions already attributed to a record, by identity (Throwable keeps Object's equality). */
    private final Set<Exception> reported = Collections.newSetFromMap(new WeakHashMap<>());
    private final ThreadLocal<Boolean> inSend = ThreadLocal.withInitial(() -> false);

    /** Remembers that the broker refused {@code record} for good. */
    public synchronized void remember(ProducerRecord<byte[], byte[]> record, Exception refusal) {
        refused.put(Fingerprint.of(record), refusal);
    }

    private synchronized Exception refusalOf(ProducerRecord<byte[], byte[]> record) {
        return refused.get(Fingerprint.of(record));
    }

    /**
     * True while a send made by the current (stream) thread reports its own failure, i.e. the error context is the
     * record being processed; false on the producer's network thread.
     */
    public boolean synchronous() {
        return inSend.get();
    }

    /** Kafka Streams' producer, refusing at once (on the calling thread, without sending) what was refused before. */
    @SuppressWarnings("unchecked")
    public Producer<byte[], byte[]> wrap(Producer<byte[], byte[]> producer) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        return send(producer, (ProducerRecord<byte[], byte[]>) args[0],
                                args.length > 1 ? (Callback) args[1] : null, method, args);
                    }
                    return invoke(method, producer, args);
                });
    }

    private Object send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, Callback callback,
                        Method method, Object[] args) throws Throwable {
        boolean outer = !inSend.get();
        inSend.set(true);
        try {
            Exception before = refusalOf(record);
            if (before == null) {
                Object[] observed = args.clone();
                if (observed.length > 1) {
                    observed[1] = observing(record, callback);
                }
                return invoke(method, producer, observed);
            }
            if (callback != null) {
                callback.onCompletion(null, before);
            }
            return CompletableFuture.failedFuture(before);
        } finally {
            if (outer) {
                inSend.set(false);
            }
        }
    }

    /**
     * Remembers a refusal of the record itself as the broker answers it, before Kafka Streams sees it: once a first
     * error of a task is recorded, Streams skips the callbacks of every later record of that send, so a record
     * refused in the same batch as a valid record whose batch-mate error came first would never reach the production
     * handler, and every run of the task would die on it again.
     */
    private Callback observing(ProducerRecord<byte[], byte[]> record, Callback callback) {
        return (metadata, exception) -> {
            if (exception != null && refusesTheRecordItself(exception) && !batchSummary(exception)
                    && firstToReport(exception)) {
                remember(record, exception);
            }
            if (callback != null) {
                callback.onCompletion(metadata, exception);
            }
        };
    }

    /**
     * True for the first record completed with this exception object. A transactional producer that had a batch
     * refused aborts its later, unsent batches with that same object (its last error): those records were never
     * judged and must not be taken for refused.
     */
    private synchronized boolean firstToReport(Exception exception) {
        return reported.add(exception);
    }

    /**
     * The broker's summary of a batch with record errors (Kafka's LogValidator.processRecordErrors, its spelling):
     * the producer keeps it as the transaction's last error and aborts its later, unsent batches with it, so it names
     * no record; the refused records got their own errors.
     */
    static boolean batchSummary(Exception exception) {
        return exception.getMessage() != null
                && exception.getMessage().startsWith("One or more records have been rejected due to");
    }

    /**
     * The broker's answers that refuse one record for good, whatever batch it travels in: too large for the topic,
     * a timestamp out of its range, a record it finds invalid (KIP-467). Not the errors of a whole producer (fenced,
     * unauthorized, aborted), which no input is to blame for.
     */
    static boolean refusesTheRecordItself(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof InvalidTimestampException
                || exception instanceof InvalidRecordException || exception instanceof RecordBatchTooLargeException;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
