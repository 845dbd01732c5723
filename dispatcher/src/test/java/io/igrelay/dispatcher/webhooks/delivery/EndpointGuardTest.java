package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {

    private final EndpointGuard production = new EndpointGuard(false);
    private final EndpointGuard dev = new EndpointGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/h", "https://10.1.2.3/h", "https://192.168.0.4/h",
            "https://172.16.9.9/h", "https://169.254.169.254/latest", "https://100.64.0.1/h", "https://0.0.0.0/h",
            "https://[::1]/h", "https://[fd00::1]/h", "https://[fe80::1]/h", "https://localhost/h"})
    void shouldRefusePrivateLoopbackAndLinkLocalAddresses(String endpoint) {
        assertThat(production.resolve(URI.create(endpoint)).address()).isEmpty();
    }

    @Test
    void shouldRefusePlainHttpOutsideDevMode() {
        assertThat(production.resolve(URI.create("http://93.184.215.14/h")).refusal()).contains("https");
        assertThat(production.resolve(URI.create("http://localhost:8099/h")).address()).isEmpty();
    }

    @Test
    void shouldAllowHttpLocalhostOnlyInDevMode() {
        assertThat(dev.resolve(URI.create("http://localhost:8099/h")).address()).isPresent();
        assertThat(dev.resolve(URI.create("http://127.0.0.1:8099/h")).address()).isPresent();
        assertThat(dev.resolve(URI.create("http://10.0.0.1/h")).address()).isEmpty();
    }

    @Test
    void shouldAllowHttpsToAPublicAddress() {
        assertThat(production.resolve(URI.create("https://93.184.215.14/h")).address()).isPresent();
    }
}
