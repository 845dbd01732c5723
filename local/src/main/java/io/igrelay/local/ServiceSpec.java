package io.igrelay.local;

import java.util.Arrays;
import java.util.List;

/**
 * One service of the stack: its name (also its log file), main class, the port and path of its readiness check
 * (contract §5.4: {@code /health/ready}, ready only once Kafka is usable), and its heap. {@link #defaults} is the start
 * order: the sandbox (Meta) first, then the hub's services, which expect Meta to answer.
 */
public record ServiceSpec(String name, String mainClass, int healthPort, String healthPath, String heap) {

    private static final String READY = "/health/ready";

    public static List<ServiceSpec> defaults(StackPorts ports) {
        return List.of(
                new ServiceSpec("sandbox", "io.igrelay.sandbox.SandboxMain", ports.sandbox(), READY, "256m"),
                new ServiceSpec("ingress", "io.igrelay.ingress.IngressMain", ports.ingress(), READY, "384m"),
                new ServiceSpec("processor", "io.igrelay.processor.ProcessorMain", ports.processor(), READY,
                        "512m"),
                new ServiceSpec("dispatcher", "io.igrelay.dispatcher.DispatcherMain", ports.dispatcher(), READY,
                        "384m"));
    }

    /**
     * The default services whose names are listed (comma-separated, in any order; start order is kept);
     * "all" means every one, "none" or an empty list means only the broker and the registry.
     */
    public static List<ServiceSpec> select(StackPorts ports, String names) {
        List<ServiceSpec> all = defaults(ports);
        String trimmed = names == null ? "all" : names.trim();
        if (trimmed.equals("all")) {
            return all;
        }
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return List.of();
        }
        List<String> wanted = Arrays.stream(trimmed.split(",")).map(String::trim).toList();
        for (String name : wanted) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                throw new StackStartException("unknown service '" + name + "'; known: "
                        + all.stream().map(ServiceSpec::name).toList());
            }
        }
        return all.stream().filter(s -> wanted.contains(s.name())).toList();
    }
}
