package io.vigil.agent.check.log;

import io.vigil.agent.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted positions of one log check item ({@code <state-dir>/checks/<item>.state}):
 *
 * <pre>
 * vigil-log-state 1
 * pattern /var/log/app/*.log
 * 2049:1234567:8812&lt;TAB&gt;/var/log/app/a.log
 * </pre>
 *
 * Positions saved for another path pattern are not used: the item's path changed.
 */
final class LogCheckState {

  static final String HEADER = "vigil-log-state 1";

  private LogCheckState() {}

  /** The saved positions for {@code pattern}, or null when there are none (or for another). */
  static Map<Path, LogFollowerState> load(Path file, String pattern) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (lines.size() < 2
        || !lines.get(0).equals(HEADER)
        || !lines.get(1).equals("pattern " + pattern)) {
      return null;
    }
    Map<Path, LogFollowerState> states = new LinkedHashMap<>();
    for (String line : lines.subList(2, lines.size())) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new IOException("malformed line in " + file + ": " + line);
      }
      try {
        states.put(
            Path.of(line.substring(tab + 1)), LogFollowerState.decode(line.substring(0, tab)));
      } catch (IllegalArgumentException e) {
        throw new IOException("malformed line in " + file + ": " + e.getMessage(), e);
      }
    }
    return states;
  }

  static void save(Path file, String pattern, Map<Path, LogFollowerState> states)
      throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("pattern ").append(pattern).append('\n');
    states.forEach(
        (path, state) -> {
          String name = path.toString();
          if (name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            text.append(state.encode()).append('\t').append(name).append('\n');
          }
        });
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
