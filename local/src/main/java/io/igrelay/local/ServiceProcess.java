package io.igrelay.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts one hub service (or the sandbox) as a child JVM with the stack environment and waits until its
 * readiness check ({@code /health/ready}) answers 200, which each service promises only once Kafka is usable.
 */
public final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private ServiceProcess() {
    }

    public static ChildProcess start(ServiceSpec spec, Map<String, String> env, String classpath, Path logDir) {
        var child = launch(spec, env, classpath, logDir);
        try {
            ChildReadiness.awaitHttpOk(child,
                    URI.create("http://localhost:" + spec.healthPort() + spec.healthPath()), READY_TIMEOUT);
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return child;
    }

    /** Starts the service without waiting for its readiness (the fault drill restarts parts while others are down). */
    public static ChildProcess launch(ServiceSpec spec, Map<String, String> env, String classpath, Path logDir) {
        return ChildProcess.start(spec.name(),
                JvmLaunch.mainClass(classpath, spec.mainClass(), List.of("-Xmx" + spec.heap()), List.of()),
                env, logDir.resolve(spec.name() + ".log"), Duration.ofSeconds(30));
    }
}
