package io.vigil.agent.transport;

import io.vigil.agent.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The per-agent token of one server, kept in a file only the agent's user can read (0600). */
public final class AgentTokenStore {

  private final Path file;

  public AgentTokenStore(Path file) {
    this.file = file;
  }

  public String load() throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    return token.isEmpty() ? null : token;
  }

  public void save(String token) throws IOException {
    AtomicFiles.writeSecret(file, token.getBytes(StandardCharsets.UTF_8));
  }

  public void forget() throws IOException {
    Files.deleteIfExists(file);
  }

  public Path file() {
    return file;
  }
}
