package io.igrelay.bench.processor;

import io.igrelay.avro.SigningApp;
import io.igrelay.avro.WebhookDelivery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The processor rows' input: webhook deliveries as the ingress writes them to ig.webhooks.raw (key = the account
 * id), each a ~1 KiB Instagram DM from one of 100,000 users (Zipf-distributed, {@link ZipfUsers}) to one of 50
 * accounts, with a unique mid (so dedup lets it through) and the sequence number in its deliveryId, which the
 * latency row reads back from the output. The accounts are connected channels (BenchChannels), so the
 * events carry their text as in production.
 */
public final class WebhookDeliveries {

    static final int ACCOUNTS = 50;
    private static final String PREFIX = "bench-";
    private static final String FILLER = "x".repeat(760);

    private final String run;

    public WebhookDeliveries(String run) {
        this.run = run;
    }

    public static String account(long seq) {
        return accountId((int) (seq % ACCOUNTS));
    }

    static String accountId(int index) {
        return Long.toString(17_841_400_000_000_000L + index);
    }

    static String igsid(long seq) {
        return Long.toString(7_309_000_000_000_000L + ZipfUsers.user(seq));
    }

    public WebhookDelivery delivery(long seq, Instant now) {
        String account = account(seq);
        long ms = now.toEpochMilli();
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":" + ms
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + igsid(seq) + "\"},\"recipient\":{\"id\":\"" + account
                + "\"},\"timestamp\":" + ms + ",\"message\":{\"mid\":\"aWdfZAG1faXRlbTo" + run + "_" + seq
                + "\",\"text\":\"Hello, is the olive tote still in stock? " + FILLER + "\"}}]}]}";
        return WebhookDelivery.newBuilder().setDeliveryId(PREFIX + seq).setReceivedAt(now)
                .setBody(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .setHeaders(Map.of("content-type", "application/json")).setSignedWith(SigningApp.INSTAGRAM_APP)
                .setIngressId("bench").build();
    }

    /** The sequence number in a deliveryId written by {@link #delivery}, or -1 for anything else. */
    public static long seqOf(CharSequence deliveryId) {
        if (deliveryId == null) {
            return -1;
        }
        String id = deliveryId.toString();
        if (!id.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
