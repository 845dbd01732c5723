package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretsTest {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateOnceAndReuseOnRestart() {
        Path file = dir.resolve(".data/dev-secrets.properties");

        DevSecrets first = DevSecrets.loadOrCreate(file, new SecureRandom());
        DevSecrets second = DevSecrets.loadOrCreate(file, new SecureRandom());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldKeepTheFileReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("dev-secrets.properties");

        DevSecrets.loadOrCreate(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldGenerateValuesInTheShapesTheServicesParse() {
        DevSecrets secrets = DevSecrets.generate(new SecureRandom());

        assertThat(secrets.metaAppId()).matches("[1-9][0-9]{15}");
        assertThat(secrets.instagramAppId()).matches("[1-9][0-9]{15}");
        assertThat(secrets.metaAppSecret()).matches("[0-9a-f]{32}");
        assertThat(secrets.tokenEncryptionKeys()).startsWith("k1:");
        assertThat(java.util.Base64.getDecoder().decode(secrets.tokenEncryptionKeys().substring(3))).hasSize(32);
        assertThat(secrets.devApiKey()).matches("igr_[0-9a-f]{16}_[0-9a-f]{48}");
    }

    @Test
    void shouldGenerateDifferentSecretsForDifferentDataFolders() {
        DevSecrets one = DevSecrets.loadOrCreate(dir.resolve("a/dev-secrets.properties"), new SecureRandom());
        DevSecrets two = DevSecrets.loadOrCreate(dir.resolve("b/dev-secrets.properties"), new SecureRandom());

        assertThat(one.devApiKey()).isNotEqualTo(two.devApiKey());
        assertThat(one.tokenEncryptionKeys()).isNotEqualTo(two.tokenEncryptionKeys());
    }
}
