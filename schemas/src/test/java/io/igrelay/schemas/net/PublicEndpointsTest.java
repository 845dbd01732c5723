package io.igrelay.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicEndpointsTest {

    private final PublicEndpoints production = new PublicEndpoints(false);
    private final PublicEndpoints dev = new PublicEndpoints(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/h", "https://10.1.2.3/h", "https://192.168.0.4/h",
            "https://172.16.9.9/h", "https://172.31.255.1/h", "https://169.254.169.254/latest",
            "https://100.64.0.1/h", "https://0.0.0.0/h", "https://192.0.0.8/h", "https://192.0.2.1/h",
            "https://198.18.0.1/h", "https://198.19.255.254/h", "https://198.51.100.7/h", "https://203.0.113.9/h",
            "https://224.0.0.1/h", "https://255.255.255.255/h", "https://[::1]/h", "https://[::]/h",
            "https://[fd00::1]/h", "https://[fe80::1]/h", "https://[ff02::1]/h", "https://[2001:db8::1]/h",
            "https://[64:ff9b::a9fe:a9fe]/h", "https://[2002:a00:1::1]/h", "https://[::ffff:10.0.0.1]/h",
            "https://localhost/h"})
    void shouldRefusePrivateLoopbackLinkLocalAndReservedAddresses(String endpoint) {
        var resolution = production.resolve(URI.create(endpoint));
        assertThat(resolution.address()).as(endpoint).isEmpty();
        assertThat(resolution.refusal()).contains("private or reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "198.20.0.1",
            "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1"})
    void shouldAcceptPublicAddresses(String address) throws Exception {
        assertThat(PublicEndpoints.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void shouldRefusePlainHttpOutsideDevMode() {
        assertThat(production.resolve(URI.create("http://93.184.215.14/h")).refusal()).contains("https");
        assertThat(production.resolve(URI.create("http://localhost:8099/h")).address()).isEmpty();
        assertThat(production.resolve(URI.create("ftp://93.184.215.14/h")).refusal()).contains("https");
    }

    @Test
    void shouldAllowHttpLocalhostOnlyInDevMode() {
        assertThat(dev.resolve(URI.create("http://localhost:8099/h")).address()).isPresent();
        assertThat(dev.resolve(URI.create("http://127.0.0.1:8099/h")).address()).isPresent();
        assertThat(dev.resolve(URI.create("http://10.0.0.1/h")).address()).isEmpty();
        assertThat(dev.resolve(URI.create("https://10.0.0.1/h")).address()).isEmpty();
    }

    @Test
    void shouldAllowHttpsToAPublicAddress() {
        assertThat(production.resolve(URI.create("https://93.184.215.14/h")).address()).isPresent();
    }

    @Test
    void shouldRefuseAnEndpointWithoutHostOrThatDoesNotResolve() {
        assertThat(production.resolve(URI.create("https:///h")).refusal()).contains("no host");
        assertThat(production.resolve(URI.create("https://no-such-host.invalid/h")).refusal())
                .contains("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8083/admin/applications", "http://127.0.0.1:8080/v1/messages",
            "http://localhost:8081/metrics", "http://127.0.0.1:8082/health", "http://localhost:9183/admin/x",
            "https://hub.example.com/dashboard", "https://HUB.example.com:443/v1"})
    void shouldRefuseTheHubsOwnPortsAndAddressEvenInDevMode(String endpoint) {
        PublicEndpoints devWithHub = new PublicEndpoints(true, HubEndpoints.defaults().withPorts(9183)
                .withPublicBaseUrl(URI.create("https://hub.example.com")));

        assertThat(devWithHub.isHub(URI.create(endpoint))).as(endpoint).isTrue();
        assertThat(devWithHub.resolve(URI.create(endpoint)).refusal()).as(endpoint).contains("hub's own");
    }

    @Test
    void shouldStillAllowOtherLocalPortsInDevMode() {
        assertThat(dev.resolve(URI.create("http://localhost:9999/hook")).address()).isPresent();
    }
}
