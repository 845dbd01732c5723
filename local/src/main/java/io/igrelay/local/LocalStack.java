package io.igrelay.local;

import io.igrelay.local.DemoChannelConnector.DemoChannel;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one-command local stack ({@code ./igrelay up}): a KRaft broker, the schema registry, the sandbox and the hub
 * services, started in that order, each waited for until ready, all data in the project's .data folder so a second
 * start carries on where the first stopped. Ctrl-C stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private static final String DEMO_ACCOUNT = "fixture.shop";

    private final StackSettings settings;
    private final PrintStream out;
    /** In start order; stopped newest first. */
    private final List<ChildProcess> started = new ArrayList<>();
    private DevSecrets secrets;
    private Map<String, String> childEnv;
    private Optional<DemoChannel> demoChannel = Optional.empty();

    private LocalStack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            StackSettings settings = StackSettings.fromLauncher(args, System.getenv());
            LocalStack stack = LocalStack.start(settings, System.out);
            StackBanner.print(System.out, settings, stack.secrets(), stack.childEnv(), stack.demoChannel());
            stack.watch();
        } catch (StackStartException e) {
            System.err.println("\nigrelay: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts everything the settings ask for; on any failure stops what was started and rethrows. */
    public static LocalStack start(StackSettings settings, PrintStream out) {
        var stack = new LocalStack(settings, out);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public DevSecrets secrets() {
        return secrets;
    }

    public Map<String, String> childEnv() {
        return childEnv;
    }

    /** The sandbox account connected through the real OAuth flow at start, when ingress and sandbox run. */
    public Optional<DemoChannel> demoChannel() {
        return demoChannel;
    }

    public StackSettings settings() {
        return settings;
    }

    /** The running part of that name: kafka, registry, or a service name. */
    public ChildProcess part(String name) {
        return started.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no part named " + name));
    }

    /**
     * Starts the named part again in its place (stopping the old one first if it still runs): the broker and the
     * registry on their data, a service with the stack environment. The broker and the registry are always waited
     * for; a service only when {@code awaitReady}, since a service may not turn ready while a dependency is down.
     */
    public ChildProcess restart(String name, boolean awaitReady) {
        ChildProcess old = part(name);
        old.stop();
        ChildProcess fresh = switch (name) {
            case "kafka" -> startBroker();
            case "registry" -> startRegistry();
            default -> {
                ServiceSpec spec = ServiceSpec.select(settings.ports(), name).get(0);
                yield awaitReady ? ServiceProcess.start(spec, childEnv, settings.classpath(), settings.logDir())
                        : ServiceProcess.launch(spec, childEnv, settings.classpath(), settings.logDir());
            }
        };
        started.set(started.indexOf(old), fresh);
        return fresh;
    }

    private ChildProcess startBroker() {
        return KafkaBrokerProcess.start(settings.dataDir().resolve("kafka"), settings.logDir().resolve("kafka.log"),
                settings.ports().broker(), settings.classpath(), "768m").child();
    }

    private ChildProcess startRegistry() {
        return RegistryProcess.start(settings.dataDir().resolve("registry"),
                settings.logDir().resolve("registry.log"), settings.ports().registry(), settings.apicurioDir())
                .child();
    }

    private void startAll() {
        PortCheck.requireFree(portsToCheck());
        secrets = DevSecrets.loadOrCreate(settings.dataDir().resolve("dev-secrets.properties"), new SecureRandom());
        childEnv = StackEnvironment.build(settings.launcherEnv(), secrets, settings.ports(), settings.dataDir());
        out.println("igrelay: data in " + settings.dataDir() + ", logs in " + settings.logDir() + "/<name>.log");

        step("Kafka broker", this::startBroker);
        step("schema registry", this::startRegistry);
        for (ServiceSpec spec : settings.services()) {
            step(spec.name(), () -> ServiceProcess.start(spec, childEnv, settings.classpath(), settings.logDir()));
        }
        connectDemoChannel();
    }

    /**
     * Connects the sandbox's business account {@code fixture.shop} to the dev Application through the same OAuth
     * flow a person clicks, so a new user can send and receive at once. Reconnecting keeps the UUID, so this runs at
     * every start; a failure is reported, never fatal.
     */
    private void connectDemoChannel() {
        Set<String> names = new HashSet<>();
        settings.services().forEach(spec -> names.add(spec.name()));
        if (!names.containsAll(Set.of("sandbox", "ingress"))) {
            return;
        }
        out.print("igrelay: connecting the demo channel @" + DEMO_ACCOUNT + " ... ");
        out.flush();
        try {
            demoChannel = Optional.of(DemoChannelConnector.connect("http://localhost:" + settings.ports().ingress(),
                    childEnv.get("DEV_API_KEY"), DEMO_ACCOUNT));
            out.println("channel " + demoChannel.get().channelId());
        } catch (RuntimeException e) {
            out.println("failed (" + e.getMessage() + "); connect one in the dashboard instead");
        }
    }

    private void step(String what, Supplier<ChildProcess> starter) {
        out.print("igrelay: starting " + what + " ... ");
        out.flush();
        long begin = System.nanoTime();
        try {
            started.add(starter.get());
        } catch (RuntimeException e) {
            out.println("failed");
            throw e;
        }
        out.printf("ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
    }

    private Map<String, Integer> portsToCheck() {
        StackPorts ports = settings.ports();
        var check = new LinkedHashMap<String, Integer>();
        check.put("Kafka broker", ports.kafka());
        check.put("Kafka controller", ports.controller());
        check.put("schema registry", ports.registry());
        for (ServiceSpec spec : settings.services()) {
            check.put(spec.name() + " (" + spec.name().toUpperCase(Locale.ROOT) + "_PORT)", spec.healthPort());
            if (spec.name().equals("ingress")) {
                check.put("ingress management (INGRESS_MANAGEMENT_PORT)", ports.ingressManagement());
            }
        }
        return check;
    }

    /** Blocks until the JVM is stopped, telling once about any child that exits on its own. */
    private void watch() {
        Set<ChildProcess> reported = new HashSet<>();
        while (true) {
            for (ChildProcess child : started) {
                if (child.exitedUnexpectedly() && reported.add(child)) {
                    out.println("igrelay: " + child.name() + " exited unexpectedly; see " + child.logFile());
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the children newest first: services, then the registry, then the broker. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            ChildProcess child = started.remove(started.size() - 1);
            out.println("igrelay: stopping " + child.name());
            child.stop();
        }
    }
}
