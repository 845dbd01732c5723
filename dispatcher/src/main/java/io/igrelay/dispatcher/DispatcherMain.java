package io.igrelay.dispatcher;

import io.igrelay.schemas.ops.ServiceLauncher;

/** Entry point of the dispatcher process (configuration from the environment, clean stop on SIGTERM). */
public final class DispatcherMain {

    private DispatcherMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run("dispatcher", DispatcherConfig::fromEnv, config -> new DispatcherService(config).start());
    }
}
