package io.igrelay.schemas.ops;

import io.igrelay.schemas.config.ConfigException;
import java.util.Map;
import java.util.function.Function;

/**
 * The shared {@code main} of every service: read the configuration (exit 2 with one message naming every problem),
 * start (exit 1 with the reason, never a stack trace for an expected failure), and close cleanly on SIGTERM
 * through a JVM shutdown hook.
 */
public final class ServiceLauncher {

    private ServiceLauncher() {
    }

    public static <C> void run(String service, Function<Map<String, String>, C> readConfig,
                               Function<C, AutoCloseable> start) {
        C config;
        try {
            config = readConfig.apply(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            AutoCloseable running = start.apply(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println(service + " did not stop cleanly: " + e);
                }
            }, service + "-shutdown"));
        } catch (RuntimeException e) {
            System.err.println(service + " failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
