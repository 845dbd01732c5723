package io.igrelay.processor;

import io.igrelay.schemas.ops.ServiceLauncher;

/** Entry point of the processor process (configuration from the environment, clean stop on SIGTERM). */
public final class ProcessorMain {

    private ProcessorMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run("processor", ProcessorConfig::fromEnv, config -> new ProcessorService(config).start());
    }
}
