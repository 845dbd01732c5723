package io.igrelay.bench.ingress;

import io.igrelay.bench.LatencyRecorder;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.schemas.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Meta's side of the ingress benchmark: signed ~1 KiB webhook deliveries POSTed over keep-alive HTTP/1.1
 * connections, one request at a time per connection as Meta's senders do, either as fast as a fixed number of
 * connections allows (closed loop, for throughput) or at a fixed rate (open loop, for latency at a given load).
 *
 * <p>It is deliberately cheap, because it shares the machine's two cores with the ingress it measures: one thread,
 * one NIO selector, the signed requests (headers and body) rendered once up front, and of each answer only the
 * status line and {@code Content-Length} read. Every answer must be {@code 200}; the latency of each is taken from
 * the moment its request was due (open loop: its slot in the schedule, so time spent waiting for a free connection
 * counts) or written (closed loop) to the moment the whole answer was read.
 */
final class WebhookLoad implements AutoCloseable {

    private static final int POOL = 256;
    private static final String PATH = "/webhooks/instagram";

    private final InetSocketAddress address;
    private final byte[][] requests = new byte[POOL][];
    private final int bodySize;
    private final List<Connection> connections = new ArrayList<>();
    private final Selector selector;
    private long counter;

    record Outcome(long ok, long failed, Duration elapsed, LatencyRecorder latencies) {
    }

    /** One keep-alive connection with at most one request outstanding. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);
        ByteBuffer out;
        SelectionKey key;
        long startedAt;
        boolean busy;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** What one measuring pass counts; the selector thread is its only user. */
    private static final class Pass {
        final LatencyRecorder latencies = new LatencyRecorder();
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        long ok;
        long failed;
        long outstanding;
    }

    WebhookLoad(int port, Secret secret, int bodySize, int connections) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        Random random = new Random(7);
        int size = 0;
        for (int i = 0; i < POOL; i++) {
            String head = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1784146392018" + (4000 + i % 16)
                    + "\",\"time\":1763900000000,\"messaging\":[{\"sender\":{\"id\":\"73091827364519" + i
                    + "\"},\"message\":{\"mid\":\"bench-" + i + "\",\"text\":\"";
            byte[] noise = new byte[bodySize];
            random.nextBytes(noise);
            String text = Base64.getEncoder().encodeToString(noise).substring(0, Math.max(0, bodySize - head.length()
                    - 8));
            byte[] body = (head + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
            size = body.length;
            byte[] headers = ("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nUser-Agent: facebookexternalua\r\n"
                    + WebhookSignature.HEADER + ": " + WebhookSignature.headerFor(secret, body)
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headers.length + body.length];
            System.arraycopy(headers, 0, request, 0, headers.length);
            System.arraycopy(body, 0, request, headers.length, body.length);
            requests[i] = request;
        }
        this.bodySize = size;
        try {
            this.selector = Selector.open();
            connect(connections);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void connect(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address); // blocking: the server accepts in the background
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            connection.key = channel.register(selector, 0, connection);
            connections.add(connection);
        }
    }

    /** {@code concurrency} requests always outstanding (one per connection), for {@code duration}. */
    Outcome closedLoop(int concurrency, Duration duration) throws IOException {
        if (concurrency > connections.size()) {
            connect(concurrency - connections.size());
        }
        Pass pass = new Pass();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < concurrency; c++) {
            send(connections.get(c), System.nanoTime(), pass);
        }
        while (pass.outstanding > 0) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                if (handle(connection, pass) && System.nanoTime() < end) {
                    send(connection, System.nanoTime(), pass);
                }
            }
            selector.selectedKeys().clear();
        }
        return new Outcome(pass.ok, pass.failed, Duration.ofNanos(System.nanoTime() - start), pass.latencies);
    }

    /**
     * Requests due at {@code perSecond} regardless of answers, for {@code duration}, each on an idle connection
     * (waiting for one if all are busy); then waits for every answer.
     */
    Outcome openLoop(double perSecond, Duration duration) throws IOException {
        Pass pass = new Pass();
        pass.idle.addAll(connections);
        long start = System.nanoTime();
        long length = duration.toNanos();
        long deadline = start + length + TimeUnit.SECONDS.toNanos(30);
        double interval = 1e9 / perSecond;
        long issued = 0;
        long total = (long) (duration.toNanos() / 1e9 * perSecond);
        while ((issued < total || pass.outstanding > 0) && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            while (issued < total && start + (long) (issued * interval) <= now && !pass.idle.isEmpty()) {
                send(pass.idle.poll(), start + (long) (issued * interval), pass);
                issued++;
            }
            long nextDue = issued < total ? start + (long) (issued * interval) : Long.MAX_VALUE;
            // the selector waits in whole milliseconds: requests due within the next one go out together when it
            // wakes (a burst of rate/1000), rather than spinning a core that the ingress needs
            long waitMillis = pass.idle.isEmpty() || nextDue == Long.MAX_VALUE ? 100
                    : Math.max(1, (nextDue - System.nanoTime()) / 1_000_000);
            selector.select(waitMillis);
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                if (handle(connection, pass)) {
                    pass.idle.add(connection);
                }
            }
            selector.selectedKeys().clear();
        }
        pass.failed += pass.outstanding;
        return new Outcome(pass.ok, pass.failed, duration, pass.latencies);
    }

    private void send(Connection connection, long startedAt, Pass pass) throws IOException {
        connection.startedAt = startedAt;
        connection.busy = true;
        connection.out = ByteBuffer.wrap(requests[(int) (counter++ % POOL)]);
        connection.in.clear();
        pass.outstanding++;
        connection.channel.write(connection.out);
        connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Progress on a ready connection; true when its answer is complete and it can take the next request. */
    private boolean handle(Connection connection, Pass pass) throws IOException {
        if (!connection.key.isValid() || !connection.busy) {
            return false;
        }
        if (connection.key.isWritable()) {
            connection.channel.write(connection.out);
            if (!connection.out.hasRemaining()) {
                connection.key.interestOps(SelectionKey.OP_READ);
            }
            return false;
        }
        int read = connection.channel.read(connection.in);
        if (read < 0) {
            throw new IOException("the ingress closed a connection");
        }
        int status = complete(connection.in);
        if (status == 0) {
            return false;
        }
        connection.busy = false;
        pass.outstanding--;
        connection.key.interestOps(0);
        if (status == 200) {
            pass.ok++;
            pass.latencies.record(System.nanoTime() - connection.startedAt);
        } else {
            pass.failed++;
        }
        return true;
    }

    /**
     * The status code once the whole answer (headers and Content-Length bytes) is in {@code in}, else 0; read in
     * place, without copying: only the status line and Content-Length matter here.
     */
    static int complete(ByteBuffer in) throws IOException {
        int limit = in.position();
        if (limit < 12) {
            return 0;
        }
        if (in.get(0) != 'H' || in.get(8) != ' ') {
            throw new IOException("not an HTTP/1.1 answer");
        }
        int status = (in.get(9) - '0') * 100 + (in.get(10) - '0') * 10 + (in.get(11) - '0');
        long length = -1;
        int lineStart = 0;
        for (int i = 1; i < limit; i++) {
            if (in.get(i) != '\n' || in.get(i - 1) != '\r') {
                continue;
            }
            if (i - 1 == lineStart) { // the empty line: the headers end here
                if (length < 0) {
                    throw new IOException("an answer without Content-Length (status " + status + ")");
                }
                return limit >= i + 1 + length ? status : 0;
            }
            if (i - 1 - lineStart > CONTENT_LENGTH.length && startsWithIgnoreCase(in, lineStart, CONTENT_LENGTH)) {
                length = 0;
                for (int j = lineStart + CONTENT_LENGTH.length; j < i - 1; j++) {
                    byte b = in.get(j);
                    if (b >= '0' && b <= '9') {
                        length = length * 10 + (b - '0');
                    }
                }
            }
            lineStart = i + 1;
        }
        if (limit == in.capacity()) {
            throw new IOException("an answer's headers exceed " + in.capacity() + " bytes");
        }
        return 0;
    }

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWithIgnoreCase(ByteBuffer in, int at, byte[] lowerCase) {
        for (int k = 0; k < lowerCase.length; k++) {
            byte b = in.get(at + k);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[k]) {
                return false;
            }
        }
        return true;
    }

    int bodySize() {
        return bodySize;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
