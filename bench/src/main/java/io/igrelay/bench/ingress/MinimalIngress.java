package io.igrelay.bench.ingress;

import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.intake.WebhookIntake;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ingress's reference: the least a webhook endpoint can do and still be correct. It reads the body, checks its
 * {@code X-Hub-Signature-256} (HMAC-SHA256 with the app secret), sends the body to Kafka with the ingress's own
 * producer settings ({@code WebhookIntake.producerProperties}: idempotent, acks=all, the same batching and
 * compression), so the comparison isolates the intake's code, and answers 200 from the send callback, on one Vert.x
 * HTTP server like the ingress's public port. No envelope, no JSON inspection, no spool, no metrics, no router. Run in
 * a JVM of its own with the ingress's environment ({@code MINIMAL_TOPIC} names its topic).
 */
public final class MinimalIngress {

    private static final Buffer OK = Buffer.buffer("EVENT_RECEIVED");

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] secret;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);

    private MinimalIngress(KafkaProducer<byte[], byte[]> producer, String topic, byte[] secret) {
        this.producer = producer;
        this.topic = topic;
        this.secret = secret;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        IngressConfig config = IngressConfig.fromEnv(env);
        int port = config.port();
        var producer = new KafkaProducer<>(WebhookIntake.producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        String topic = env.get("MINIMAL_TOPIC");
        awaitMetadata(producer, topic);
        var server = new MinimalIngress(producer, topic,
                env.get("META_APP_SECRET").getBytes(StandardCharsets.UTF_8));
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(server::handle).listen(port).await();
        System.out.println("minimal ingress listening on " + port);
    }

    /** Metadata before the first request, as the ingress fetches it at start. */
    private static void awaitMetadata(KafkaProducer<byte[], byte[]> producer, String topic) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/health/ready")) {
            request.response().end("UP");
            return;
        }
        request.body().onSuccess(body -> {
            byte[] bytes = body.getBytes();
            if (!signed(request.getHeader("X-Hub-Signature-256"), bytes)) {
                request.response().setStatusCode(401).end();
                return;
            }
            Context context = Vertx.currentContext();
            producer.send(new ProducerRecord<>(topic, bytes), (metadata, error) -> context.runOnContext(v -> {
                if (error == null) {
                    request.response().end(OK);
                } else {
                    request.response().setStatusCode(503).end();
                }
            }));
        });
    }

    private boolean signed(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected = macs.get().doFinal(body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, 7, header.length());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
