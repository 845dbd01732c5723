package io.igrelay.ingress.ops;

import io.vertx.core.Context;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka producer the event loop may call: {@code send} made on an event-loop thread is handed, in call order, to
 * one sender thread of its own, because {@code send} can block (for metadata, for buffer space, and in the serializer
 * on a first registry lookup); the caller gets a future and its callback as usual. The other calls that can block
 * (partitionsFor, flush, the transaction calls) pass the {@link EventLoopGuard}. One thread per producer keeps the
 * order of sends per key, as the idempotent producer promises.
 */
public final class OffLoopProducer {

    private static final Set<String> GUARDED = Set.of("partitionsFor", "flush", "initTransactions",
            "beginTransaction", "commitTransaction", "abortTransaction", "sendOffsetsToTransaction",
            "clientInstanceId");

    private OffLoopProducer() {
    }

    /** Wraps {@code producer} behind the process's guard. */
    public static <K, V> Producer<K, V> wrap(Producer<K, V> producer, String name) {
        return wrap(producer, name, EventLoopGuard.process());
    }

    /** Wraps {@code producer}; closing the wrapper closes the producer and stops its sender thread. */
    @SuppressWarnings("unchecked")
    public static <K, V> Producer<K, V> wrap(Producer<K, V> producer, String name, EventLoopGuard guard) {
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "igrelay-send-" + name);
            t.setDaemon(true);
            return t;
        });
        InvocationHandler handler = (proxy, method, args) -> {
            String call = method.getName();
            if (call.equals("send") && Context.isOnEventLoopThread()) {
                return sendOffLoop(producer, sender, (ProducerRecord<K, V>) args[0],
                        args.length > 1 ? (Callback) args[1] : null);
            }
            if (call.equals("close")) {
                sender.shutdown();
            }
            if (GUARDED.contains(call)) {
                guard.check("Kafka producer " + name + ": " + call);
            }
            return invoke(method, producer, args);
        };
        return (Producer<K, V>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, handler);
    }

    private static <K, V> CompletableFuture<RecordMetadata> sendOffLoop(Producer<K, V> producer,
            ExecutorService sender, ProducerRecord<K, V> record, Callback callback) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        Callback done = (metadata, error) -> {
            if (callback != null) {
                callback.onCompletion(metadata, error);
            }
            if (error == null) {
                result.complete(metadata);
            } else {
                result.completeExceptionally(error);
            }
        };
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, done);
                } catch (RuntimeException e) {
                    done.onCompletion(null, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            done.onCompletion(null, new IllegalStateException("the producer is closed"));
        }
        return result;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
