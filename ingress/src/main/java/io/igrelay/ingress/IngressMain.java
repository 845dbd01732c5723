package io.igrelay.ingress;

import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.schemas.ops.ServiceLauncher;

/** Entry point of the ingress process (configuration from the environment, clean stop on SIGTERM). */
public final class IngressMain {

    private IngressMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run("ingress", IngressConfig::fromEnv, config -> new IngressService(config).start());
    }
}
