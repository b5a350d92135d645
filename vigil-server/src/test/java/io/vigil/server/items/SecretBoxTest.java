package io.vigil.server.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Test
  void sealedTextOpensWithTheSameKeyOnly() {
    SecretBox box = new SecretBox(randomKey());
    String sealed = box.seal("pässwörd");
    assertThat(sealed).startsWith("enc:v1:").doesNotContain("pässwörd");
    assertThat(SecretBox.isSealed(sealed)).isTrue();
    assertThat(box.open(sealed)).isEqualTo("pässwörd");
    assertThat(box.seal("pässwörd")).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThatThrownBy(() -> new SecretBox(randomKey()).open(sealed))
        .hasMessageContaining("cannot be decrypted");
  }

  @Test
  void tamperedCiphertextIsRefused() {
    SecretBox box = new SecretBox(randomKey());
    String sealed = box.seal("secret");
    char last = sealed.charAt(sealed.length() - 2);
    String tampered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open("plain")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKeyIsGeneratedOnceIntoTheDataDirectoryReadableByTheOwnerOnly(@TempDir Path dir)
      throws Exception {
    io.vigil.server.DataDirectory data = dataDirectory(dir);
    SecretBox first = new SecretBox(new SecretsProperties(null), data);
    Path key = dir.resolve("secrets.key");
    assertThat(key).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String sealed = first.seal("kept across restarts");
    SecretBox second = new SecretBox(new SecretsProperties(null), data);
    assertThat(second.open(sealed)).isEqualTo("kept across restarts");

    Path elsewhere = dir.resolve("other.key");
    Files.copy(key, elsewhere);
    Files.delete(key);
    SecretBox configured = new SecretBox(new SecretsProperties(elsewhere), data);
    assertThat(configured.open(sealed)).isEqualTo("kept across restarts");
    assertThat(key).as("a configured key file is not replaced by a generated one").doesNotExist();
  }

  @Test
  void aKeyFileOfTheWrongLengthFailsFast(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, java.util.Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> new SecretBox(new SecretsProperties(bad), dataDirectory(dir)))
        .hasMessageContaining("32 bytes");
  }

  private static io.vigil.server.DataDirectory dataDirectory(Path dir) throws Exception {
    var constructor = io.vigil.server.DataDirectory.class.getDeclaredConstructor(String.class);
    constructor.setAccessible(true);
    return constructor.newInstance(dir.toString());
  }
}
