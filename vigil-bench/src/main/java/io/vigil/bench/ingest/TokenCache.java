package io.vigil.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agent tokens kept between runs, so that a repeated benchmark does not enrol 10,000 agents again.
 * One line per agent: {@code hostname machineId agentToken}, after a line naming the server the
 * tokens belong to; a cache of another server is ignored.
 */
final class TokenCache {

  private static final String HEADER = "# vigil-bench ingest agent tokens; delete to re-enrol";

  private TokenCache() {}

  /** A simulated agent: its host identity and, once enrolled, its token. */
  record AgentIdentity(String hostname, String machineId, String token) {}

  static String format(URI server, Collection<AgentIdentity> agents) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("server ").append(server).append('\n');
    for (AgentIdentity a : agents) {
      out.append(a.hostname())
          .append(' ')
          .append(a.machineId())
          .append(' ')
          .append(a.token())
          .append('\n');
    }
    return out.toString();
  }

  /** The cached agents by hostname, or none when the cache is of another server. */
  static Map<String, AgentIdentity> parse(URI server, List<String> lines) {
    Map<String, AgentIdentity> out = new LinkedHashMap<>();
    boolean sameServer = false;
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (f[0].equals("server")) {
        sameServer = f.length == 2 && f[1].equals(server.toString());
      } else if (f.length == 3 && sameServer) {
        out.put(f[0], new AgentIdentity(f[0], f[1], f[2]));
      }
    }
    return out;
  }

  static Map<String, AgentIdentity> load(URI server, Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return parse(server, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token cache " + file, e);
    }
  }

  /** Writes the cache owner-readable only (it holds secrets), replacing the old one atomically. */
  static void save(URI server, Path file, Collection<AgentIdentity> agents) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tokens", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, format(server, agents), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write token cache " + file, e);
    }
  }
}
