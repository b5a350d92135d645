package io.vigil.server.inventory;

import io.vigil.server.DataDirectory;
import io.vigil.server.auth.SecretTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates an enrolment token so agents can register without a manual step. The
 * secret is printed once and kept readable only by the server's user in the data directory ({@code
 * enrolment-token}), where the local demo agent and installers pick it up.
 */
@Component
public class EnrolmentBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentBootstrap.class);
  static final String FILE_NAME = "enrolment-token";

  private final EnrolmentTokenRepository tokens;
  private final Path file;

  EnrolmentBootstrap(EnrolmentTokenRepository tokens, DataDirectory dataDir) {
    this.tokens = tokens;
    this.file = dataDir.resolve(FILE_NAME);
  }

  /**
   * Runs before the web server starts, so whoever waits for {@code /api/v1/health} (the demo
   * script, an installer) finds the token file already written.
   */
  @Override
  public void afterSingletonsInstantiated() {
    if (tokens.count() > 0) {
      return;
    }
    try {
      writeInitialToken();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the enrolment token to " + file, e);
    }
  }

  private void writeInitialToken() throws IOException {
    String token = SecretTokens.generate(SecretTokens.ENROLMENT_PREFIX);
    tokens.insert("initial", SecretTokens.sha256Hex(token), null);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    log.warn(
        "\n\n  First start: agent enrolment token  {}\n  (also in {}, readable only by this user)\n",
        token,
        file);
  }

  /** The initial enrolment token, as written to the data directory on first start. */
  public String readToken() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no enrolment token file at " + file, e);
    }
  }
}
