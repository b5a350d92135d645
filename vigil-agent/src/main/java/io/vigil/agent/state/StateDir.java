package io.vigil.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Layout of the agent's state directory:
 *
 * <pre>
 *   DIR/machine-id                  fallback machine id when the OS has none
 *   DIR/config.json                 the last central config, so a restart without server keeps it
 *                                   (0600: check parameters may hold secrets)
 *   DIR/checks/ITEM.state           per check item state, e.g. a log check's file positions
 *   DIR/servers/HOST_PORT-HASH/     one per server URL:
 *       agent-token                 per-agent token (0600)
 *       sequence                    last assigned batch sequence
 *       spool/000000000042.json.gz  unacknowledged batches; spool/rejected/ for 400s
 * </pre>
 */
public final class StateDir {

  private final Path root;

  public StateDir(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve("config.json");
  }

  public Path machineIdFile() {
    return root.resolve("machine-id");
  }

  /** Where check items keep their state, {@code DIR/checks}, created on demand. */
  public Path checksDir() {
    Path dir = root.resolve("checks");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  /** The directory of one server; the name is readable and the hash keeps distinct URLs apart. */
  public Path serverDir(URI server) {
    String readable =
        (server.getHost() + "_" + (server.getPort() < 0 ? server.getScheme() : server.getPort()))
            .replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = root.resolve("servers").resolve(readable + "-" + shortHash(server.toString()));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
