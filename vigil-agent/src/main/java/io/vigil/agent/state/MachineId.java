package io.vigil.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A stable identifier of the machine, so a re-installed agent re-attaches to its host on the
 * server: the systemd/dbus machine id when the OS has one, else a UUID persisted in the state dir.
 */
public final class MachineId {

  private static final List<Path> OS_SOURCES =
      List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

  private MachineId() {}

  public static String resolve(StateDir state) throws IOException {
    return resolve(OS_SOURCES, state.machineIdFile());
  }

  static String resolve(List<Path> osSources, Path fallback) throws IOException {
    for (Path source : osSources) {
      String id = readNonBlank(source);
      if (id != null) {
        return id;
      }
    }
    String persisted = readNonBlank(fallback);
    if (persisted != null) {
      return persisted;
    }
    String generated = UUID.randomUUID().toString();
    AtomicFiles.write(fallback, generated.getBytes(StandardCharsets.UTF_8));
    return generated;
  }

  private static String readNonBlank(Path file) {
    try {
      if (Files.isReadable(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        return id.isEmpty() || id.length() > 128 ? null : id;
      }
    } catch (IOException e) {
      return null; // fall through to the next source
    }
    return null;
  }
}
