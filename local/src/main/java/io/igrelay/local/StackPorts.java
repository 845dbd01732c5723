package io.igrelay.local;

import java.util.Map;

/**
 * Every TCP port the local stack listens on, named, so that a busy port is reported by what needs it.
 * Service ports follow contract §3 and may be overridden through the same variables as the services read;
 * the broker and registry ports are the fixed local defaults the service defaults point at.
 */
public record StackPorts(int kafka, int controller, int registry, int sandbox,
                         int ingress, int ingressManagement, int processor, int dispatcher) {

    /** Every port free right now (tests and benchmarks that start a stack beside other things). */
    public static StackPorts free() {
        BrokerPorts broker = BrokerPorts.free();
        return new StackPorts(broker.broker(), broker.controller(), BrokerPorts.freePort(), BrokerPorts.freePort(),
                BrokerPorts.freePort(), BrokerPorts.freePort(), BrokerPorts.freePort(), BrokerPorts.freePort());
    }

    public static StackPorts fromEnv(Map<String, String> env) {
        return new StackPorts(9092, 9093, 8085,
                port(env, "SANDBOX_PORT", 8090),
                port(env, "INGRESS_PORT", 8080),
                port(env, "INGRESS_MANAGEMENT_PORT", 8083),
                port(env, "PROCESSOR_PORT", 8081),
                port(env, "DISPATCHER_PORT", 8082));
    }

    public BrokerPorts broker() {
        return new BrokerPorts(kafka, controller);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }
}
