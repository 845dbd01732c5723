package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    private final StackPorts ports = StackPorts.fromEnv(Map.of());

    @Test
    void shouldStartTheSandboxBeforeTheHubServices() {
        assertThat(ServiceSpec.select(ports, "all")).extracting(ServiceSpec::name)
                .containsExactly("sandbox", "ingress", "processor", "dispatcher");
    }

    @Test
    void shouldKeepTheStartOrderOfASelection() {
        assertThat(ServiceSpec.select(ports, "dispatcher, sandbox")).extracting(ServiceSpec::name)
                .containsExactly("sandbox", "dispatcher");
    }

    @Test
    void shouldStartOnlyTheInfrastructureForNone() {
        assertThat(ServiceSpec.select(ports, "none")).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownService() {
        assertThatThrownBy(() -> ServiceSpec.select(ports, "ingres")).hasMessageContaining("unknown service 'ingres'");
    }
}
