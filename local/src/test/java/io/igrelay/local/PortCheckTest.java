package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void shouldNameTheBusyPortAndWhatNeedsIt() throws Exception {
        try (var busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int free = BrokerPorts.freePort();
            var ports = new LinkedHashMap<String, Integer>();
            ports.put("sandbox (SANDBOX_PORT)", free);
            ports.put("ingress (INGRESS_PORT)", busy.getLocalPort());

            assertThatThrownBy(() -> PortCheck.requireFree(ports))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("port " + busy.getLocalPort() + " (ingress (INGRESS_PORT)) is already in use")
                    .hasMessageNotContaining("port " + free + " ");
        }
    }

    @Test
    void shouldSeeAPortTakenOnTheWildcardAddress() throws Exception {
        try (var busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            var ports = new LinkedHashMap<String, Integer>();
            ports.put("Kafka broker", busy.getLocalPort());

            assertThatThrownBy(() -> PortCheck.requireFree(ports)).hasMessageContaining("Kafka broker");
        }
    }

    @Test
    void shouldPassWhenEveryPortIsFree() {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("schema registry", BrokerPorts.freePort());

        assertThatCode(() -> PortCheck.requireFree(ports)).doesNotThrowAnyException();
    }
}
