package io.igrelay.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.EncryptedValue;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(filled((byte) 7));

    @Test
    void shouldRoundTripATokenWithTheFirstKey() {
        TokenCipher cipher = TokenCipher.parse(K1 + "," + K2);
        EncryptedValue sealed = cipher.encrypt("IGQVJ-token-ü");
        assertThat(sealed.getKeyId()).isEqualTo("k1");
        assertThat(new String(bytes(sealed.getCiphertext()))).doesNotContain("IGQVJ");
        assertThat(cipher.decrypt(sealed)).isEqualTo("IGQVJ-token-ü");
    }

    @Test
    void shouldDecryptWithAnOlderKeyAfterRotation() {
        EncryptedValue sealedWithK1 = TokenCipher.parse(K1).encrypt("old");
        TokenCipher rotated = TokenCipher.parse(K2 + "," + K1);
        assertThat(rotated.decrypt(sealedWithK1)).isEqualTo("old");
        assertThat(rotated.encrypt("new").getKeyId()).isEqualTo("k2");
    }

    @Test
    void shouldDetectTampering() {
        TokenCipher cipher = TokenCipher.parse(K1);
        EncryptedValue sealed = cipher.encrypt("token");
        byte[] raw = bytes(sealed.getCiphertext());
        raw[raw.length - 1] ^= 1;
        EncryptedValue tampered = new EncryptedValue("k1", ByteBuffer.wrap(raw));
        assertThatThrownBy(() -> cipher.decrypt(tampered)).hasMessageContaining("failed authentication");
    }

    @Test
    void shouldRefuseAValueRelabelledWithAnotherKeyId() {
        TokenCipher cipher = TokenCipher.parse(K1 + "," + K2);
        EncryptedValue sealed = cipher.encrypt("token");
        EncryptedValue relabelled = new EncryptedValue("k2", sealed.getCiphertext());
        assertThatThrownBy(() -> cipher.decrypt(relabelled)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExplainMalformedKeysWithoutShowingThem() {
        assertThatThrownBy(() -> TokenCipher.parse("k1:AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.parse("nokey")).hasMessageContaining("id:base64key");
        assertThatThrownBy(() -> TokenCipher.parse("k1:!!!")).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("!!!");
        assertThatThrownBy(() -> TokenCipher.parse(K1 + "," + K1)).hasMessageContaining("twice");
    }

    private static byte[] filled(byte b) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, b);
        return key;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
