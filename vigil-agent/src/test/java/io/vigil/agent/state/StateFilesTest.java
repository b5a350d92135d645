package io.vigil.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.agent.transport.AgentTokenStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

  @TempDir Path dir;

  @Test
  void theAgentTokenIsReadableByItsOwnerOnly() throws IOException {
    AgentTokenStore tokens = new AgentTokenStore(dir.resolve("agent-token"));

    tokens.save("vgl_a_secret");

    assertThat(tokens.load()).isEqualTo("vgl_a_secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.file())))
        .isEqualTo("rw-------");
    tokens.forget();
    assertThat(tokens.load()).isNull();
  }

  @Test
  void machineIdFallsBackToAPersistedUuid() throws IOException {
    Path fallback = dir.resolve("machine-id");
    List<Path> none = List.of(dir.resolve("absent"));

    String first = MachineId.resolve(none, fallback);

    assertThat(first).hasSize(36);
    assertThat(MachineId.resolve(none, fallback)).isEqualTo(first);
    Path os = Files.writeString(dir.resolve("etc-machine-id"), "abc123\n");
    assertThat(MachineId.resolve(List.of(os), fallback)).isEqualTo("abc123");
  }

  @Test
  void eachServerGetsItsOwnDirectory() {
    StateDir state = new StateDir(dir);

    Path a = state.serverDir(URI.create("https://vigil-a.example:8443"));
    Path b = state.serverDir(URI.create("https://vigil-b.example:8443"));

    assertThat(a).isNotEqualTo(b).isDirectory();
    assertThat(a.getFileName().toString()).startsWith("vigil-a.example_8443-");
  }
}
