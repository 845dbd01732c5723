package io.igrelay.local.drill;

import io.igrelay.local.JvmLaunch;
import io.igrelay.local.LocalStack;
import io.igrelay.local.ServiceSpec;
import io.igrelay.local.StackPorts;
import io.igrelay.local.StackSettings;
import io.igrelay.local.StackStartException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./igrelay drill [--full]}: the fault drill. Starts its own local stack (a temp data folder, free ports: a
 * running {@code ./igrelay up} is not touched), drives traffic through it, injects every fault of
 * {@link FaultCatalogue} one after another, prints one row per fault and exits 1 if any row failed.
 */
public final class DrillMain {

    private DrillMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(DrillOptions.parse(args), System.out) ? 0 : 1;
        } catch (IllegalArgumentException | StackStartException | DrillException e) {
            System.err.println("\nigrelay drill: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("\nigrelay drill: " + e);
            code = 2;
        }
        System.exit(code);
    }

    /** Runs the drill on a stack of its own, forked with this JVM's classpath; true when every row passed. */
    public static boolean run(DrillOptions options, PrintStream out) throws Exception {
        Path igrelayHome = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path apicurio = Path.of(System.getProperty("apicurio.dir",
                igrelayHome.resolve("local/target/apicurio").toString()));
        return run(options, out, JvmLaunch.currentClasspath(), apicurio);
    }

    /** The same with the classpath the stack's JVMs are forked with and the folder of the registry's jar. */
    public static boolean run(DrillOptions options, PrintStream out, String classpath, Path apicurio)
            throws Exception {
        Path home = Files.createTempDirectory("igrelay-drill-");
        StackPorts ports = StackPorts.free();
        StackSettings settings = new StackSettings(home, apicurio, classpath, ports, ServiceSpec.defaults(ports),
                childEnvironment());
        out.println("igrelay drill (" + (options.full() ? "full" : "short") + " form): stack data and logs in "
                + settings.logDir() + (options.skipped().isEmpty() ? ""
                : "; left out (--full runs them): " + String.join(", ", options.skipped())));
        try (LocalStack stack = LocalStack.start(settings, out);
             Drill drill = new Drill(stack, options, out)) {
            DrillReport report = drill.run(FaultCatalogue.all(options));
            out.println();
            report.print(out);
            out.println();
            out.println(report.passed() ? "igrelay drill: every row passed"
                    : "igrelay drill: FAILED (see the rows above; logs in " + settings.logDir() + ")");
            return report.passed();
        }
    }

    /** Only what a JVM needs from the caller's environment, so a shell's KAFKA_* or *_PORT cannot redirect the drill. */
    private static Map<String, String> childEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("SANDBOX_LOG_LIMIT", "1000000");
        env.put("SANDBOX_AUTO_APPROVE", "true");
        return env;
    }
}
