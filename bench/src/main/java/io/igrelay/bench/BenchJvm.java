package io.igrelay.bench;

import io.igrelay.local.ChildProcess;
import io.igrelay.local.ChildReadiness;
import io.igrelay.local.JvmLaunch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service of a row in a JVM of its own, as deployed (the ingress, the minimal server the ingress is compared with,
 * the processor and dispatcher of the end-to-end row): forked with the bench's classpath and the row's environment,
 * waited for until {@code /health/ready} answers 200, stopped (SIGTERM, then SIGKILL) when the row ends. Its output
 * goes to a log file in the row's temp folder, quoted when it dies during start-up.
 */
public final class BenchJvm {

    private BenchJvm() {
    }

    public static ChildProcess start(String name, String mainClass, String heap, Map<String, String> env, Path logDir,
                                     URI ready) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        options.addAll(List.of(System.getProperty("bench.jvm.options", "").split(" ")).stream()
                .filter(o -> !o.isBlank()).toList());
        Map<String, String> withPath = new HashMap<>(env);
        withPath.putIfAbsent("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        ChildProcess child = ChildProcess.start(name, JvmLaunch.mainClass(classpath(), mainClass, options, List.of()),
                withPath, logDir.resolve(name + ".log"), Duration.ofSeconds(20));
        try {
            ChildReadiness.awaitHttpOk(child, ready, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return child;
    }

    /** The bench's classpath (failsafe hands the test classpath over in a property; java.class.path may be a jar). */
    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
