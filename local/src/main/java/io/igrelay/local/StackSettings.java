package io.igrelay.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run of the local stack needs to know: where the project and its data folder are, where Maven unpacked
 * the registry, the classpath to fork with, the ports, which services to start, and the caller's environment.
 */
public record StackSettings(Path home, Path apicurioDir, String classpath, StackPorts ports,
                            List<ServiceSpec> services, Map<String, String> launcherEnv) {

    /**
     * From the launcher: {@code -Digrelay.home} (default: the working directory), {@code -Dapicurio.dir}
     * (default: local/target/apicurio), the services from {@code --services=a,b} or IGRELAY_SERVICES (default all).
     */
    public static StackSettings fromLauncher(String[] args, Map<String, String> env) {
        Path home = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path apicurio = Path.of(System.getProperty("apicurio.dir", home.resolve("local/target/apicurio").toString()));
        String services = env.getOrDefault("IGRELAY_SERVICES", "all");
        for (String arg : args) {
            if (arg.startsWith("--services=")) {
                services = arg.substring("--services=".length());
            } else {
                throw new StackStartException("unknown argument '" + arg + "'; usage: ./igrelay up [--services=a,b]"
                        + " with services from sandbox,ingress,processor,dispatcher, 'all' or 'none'");
            }
        }
        StackPorts ports = StackPorts.fromEnv(env);
        return new StackSettings(home, apicurio, JvmLaunch.currentClasspath(), ports,
                ServiceSpec.select(ports, services), env);
    }

    public Path dataDir() {
        return home.resolve(".data");
    }

    public Path logDir() {
        return dataDir().resolve("logs");
    }
}
