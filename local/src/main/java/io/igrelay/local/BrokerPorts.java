package io.igrelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The two listeners of a combined-mode KRaft broker. The local stack uses the fixed 9092/9093; the bench and the
 * integration tests ask the OS for free ones so they never collide with a running stack.
 */
public record BrokerPorts(int broker, int controller) {

    public static BrokerPorts free() {
        return new BrokerPorts(freePort(), freePort());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + broker;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }
}
