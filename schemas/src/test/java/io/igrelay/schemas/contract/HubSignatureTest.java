package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HubSignatureTest {

    /** The customer's side, written from the documented algorithm only. */
    static String expected(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSignTimestampDotRawBody() throws Exception {
        String body = "{\"eventType\":\"Message\",\"text\":\"olá 👋\"}";
        assertThat(HubSignature.value(1700000000L, body, List.of("s3cret")))
                .isEqualTo("t=1700000000,v1=" + expected("s3cret", 1700000000L, body));
    }

    @Test
    void shouldCarryOneV1PerActiveSecretNewestFirst() throws Exception {
        String header = HubSignature.value(5L, "{}", List.of("new", "old"));
        assertThat(header).isEqualTo("t=5,v1=" + expected("new", 5L, "{}") + ",v1=" + expected("old", 5L, "{}"));
    }

    @Test
    void shouldSendNoSignatureValueWithoutSecrets() {
        assertThat(HubSignature.value(5L, "{}", List.of())).isEqualTo("t=5");
    }
}
