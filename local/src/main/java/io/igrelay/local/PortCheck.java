package io.igrelay.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks every port of the stack before anything starts, so that a busy port fails the start at once with a
 * message naming the port and what needed it, instead of a child dying later with a bind error in its log.
 */
public final class PortCheck {

    private PortCheck() {
    }

    /** Throws {@link StackStartException} naming every busy port; returns quietly when all are free. */
    public static void requireFree(Map<String, Integer> namedPorts) {
        List<String> busy = new ArrayList<>();
        namedPorts.forEach((name, port) -> {
            if (!isFree(port)) {
                busy.add("port " + port + " (" + name + ") is already in use");
            }
        });
        if (!busy.isEmpty()) {
            throw new StackStartException(String.join("\n", busy)
                    + "\nStop whatever listens there (see: ss -ltnp), e.g. an earlier ./igrelay up,"
                    + " or move a service with its *_PORT variable.");
        }
    }

    static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
