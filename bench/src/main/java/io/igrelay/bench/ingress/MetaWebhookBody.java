package io.igrelay.bench.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** A Meta-shaped Instagram DM webhook body of about {@code size} bytes (text padded with random Base64). */
final class MetaWebhookBody {

    private MetaWebhookBody() {
    }

    static byte[] of(int size) {
        String head = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841463920184000\",\"time\":1763900000000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"7309182736451900\"},\"recipient\":{\"id\":"
                + "\"17841463920184000\"},\"timestamp\":1763900000000,\"message\":{\"mid\":\"bench-wrk\",\"text\":\"";
        byte[] noise = new byte[size];
        new Random(7).nextBytes(noise);
        String text = Base64.getEncoder().encodeToString(noise).substring(0, Math.max(0, size - head.length() - 8));
        return (head + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
