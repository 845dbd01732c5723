package io.igrelay.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dev-only secrets of the local stack: generated once with {@link SecureRandom}, kept owner-readable in the
 * data folder and reused on every start, so that a restart can still decrypt the tokens and authenticate the API
 * key it stored on Kafka. Values set in the environment win over these (see {@link StackEnvironment}).
 */
public record DevSecrets(String metaAppId, String metaAppSecret, String instagramAppId, String instagramAppSecret,
                         String metaVerifyToken, String tokenEncryptionKeys, String devApiKey, String adminToken) {

    public static DevSecrets generate(SecureRandom random) {
        return new DevSecrets(
                digits(random, 16), hex(random, 16),
                digits(random, 16), hex(random, 16),
                hex(random, 16),
                "k1:" + Base64.getEncoder().encodeToString(bytes(random, 32)),
                "igr_" + hex(random, 8) + "_" + hex(random, 24),
                hex(random, 32));
    }

    /** Reads the file if it exists, otherwise generates the secrets and writes them with owner-only permissions. */
    public static DevSecrets loadOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return read(file, random);
            }
            DevSecrets secrets = generate(random);
            secrets.write(file);
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** The secrets under their contract §3 variable names, in a stable order. */
    public Map<String, String> asEnv() {
        var env = new LinkedHashMap<String, String>();
        env.put("META_APP_ID", metaAppId);
        env.put("META_APP_SECRET", metaAppSecret);
        env.put("INSTAGRAM_APP_ID", instagramAppId);
        env.put("INSTAGRAM_APP_SECRET", instagramAppSecret);
        env.put("META_VERIFY_TOKEN", metaVerifyToken);
        env.put("TOKEN_ENCRYPTION_KEYS", tokenEncryptionKeys);
        env.put("DEV_API_KEY", devApiKey);
        env.put("ADMIN_TOKEN", adminToken);
        return env;
    }

    /** A file written before ADMIN_TOKEN existed gets one generated and added, the other secrets kept. */
    private static DevSecrets read(Path file, SecureRandom random) throws IOException {
        var props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        String adminToken = props.getProperty("ADMIN_TOKEN");
        if (adminToken == null || adminToken.isBlank()) {
            adminToken = hex(random, 32);
            Files.writeString(file, System.lineSeparator() + "ADMIN_TOKEN=" + adminToken + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return new DevSecrets(
                required(props, file, "META_APP_ID"), required(props, file, "META_APP_SECRET"),
                required(props, file, "INSTAGRAM_APP_ID"), required(props, file, "INSTAGRAM_APP_SECRET"),
                required(props, file, "META_VERIFY_TOKEN"), required(props, file, "TOKEN_ENCRYPTION_KEYS"),
                required(props, file, "DEV_API_KEY"), adminToken);
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        var props = new Properties();
        asEnv().forEach(props::setProperty);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "igrelay local stack dev secrets: generated once, reused on restart. "
                    + "Delete the whole .data folder to start over.");
        }
    }

    private static String required(Properties props, Path file, String name) {
        String value = props.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new StackStartException(file + " has no " + name + "; delete the file to generate new dev secrets"
                    + " (tokens stored with the old key will no longer decrypt)");
        }
        return value;
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hex(SecureRandom random, int byteCount) {
        return HexFormat.of().formatHex(bytes(random, byteCount));
    }

    /** Meta app ids are numeric; the first digit is never 0. */
    private static String digits(SecureRandom random, int count) {
        var sb = new StringBuilder().append(1 + random.nextInt(9));
        while (sb.length() < count) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }
}
