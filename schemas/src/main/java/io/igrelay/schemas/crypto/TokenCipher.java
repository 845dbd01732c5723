package io.igrelay.schemas.crypto;

import io.igrelay.avro.EncryptedValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for access tokens and signing secrets before they touch Kafka (contract §3,
 * TOKEN_ENCRYPTION_KEYS = {@code id:base64key[,id:base64key...]}): the first key encrypts, every listed key decrypts,
 * so keys can rotate. The key id is stored beside the ciphertext; a tampered value fails to decrypt.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Looking a Cipher up costs more than decrypting a token; each thread keeps one (init resets it per value). */
    private static final ThreadLocal<Cipher> DECRYPTERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no AES/GCM", e);
        }
    });

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** Reads the required TOKEN_ENCRYPTION_KEYS variable; problems are recorded in {@code env}, null is returned. */
    public static TokenCipher read(io.igrelay.schemas.config.EnvReader env) {
        String keys = env.required("TOKEN_ENCRYPTION_KEYS");
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return parse(keys);
        } catch (IllegalArgumentException e) {
            env.problem(e.getMessage());
            return null;
        }
    }

    /** Parses TOKEN_ENCRYPTION_KEYS; the message of the exception never contains key material. */
    public static TokenCipher parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS is empty");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String first = null;
        for (String part : spec.split(",")) {
            String entry = part.trim();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS entries must look like id:base64key");
            }
            String id = entry.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS key '" + id + "' is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        "TOKEN_ENCRYPTION_KEYS key '" + id + "' must be 32 bytes (AES-256), was " + key.length);
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS names key '" + id + "' twice");
            }
            if (first == null) {
                first = id;
            }
        }
        return new TokenCipher(first, keys);
    }

    public EncryptedValue encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return new EncryptedValue(currentKeyId, out.flip());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts in memory; throws {@link IllegalArgumentException} for an unknown key id or a tampered value. */
    public String decrypt(EncryptedValue value) {
        SecretKeySpec key = keys.get(value.getKeyId());
        if (key == null) {
            throw new IllegalArgumentException("no TOKEN_ENCRYPTION_KEYS entry for key id '" + value.getKeyId() + "'");
        }
        ByteBuffer buffer = value.getCiphertext().duplicate();
        byte[] all = new byte[buffer.remaining()];
        buffer.get(all);
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted value is truncated");
        }
        try {
            Cipher cipher = DECRYPTERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(value.getKeyId().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("encrypted value failed authentication (tampered or wrong key)");
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }
}
