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
 * The persisted positions of one check item that follows logs ({@code
 * <state-dir>/checks/<item>.state}), one section per path pattern:
 *
 * <pre>
 * vigil-log-state 1
 * pattern /var/log/app/*.log
 * 2049:1234567:8812&lt;TAB&gt;/var/log/app/a.log
 * pattern /var/log/other.log
 * 2049:1234568:0&lt;TAB&gt;/var/log/other.log
 * </pre>
 *
 * The {@code log} kind writes one section; the {@code weblog} kind one per path. Positions saved
 * for another path pattern are not used: the item's path changed.
 */
public final class LogCheckState {

  static final String HEADER = "vigil-log-state 1";

  private LogCheckState() {}

  /** The saved positions for {@code pattern}, or null when there are none (or for another). */
  static Map<Path, LogFollowerState> load(Path file, String pattern) throws IOException {
    Map<String, Map<Path, LogFollowerState>> all = loadAll(file);
    return all == null ? null : all.get(pattern);
  }

  static void save(Path file, String pattern, Map<Path, LogFollowerState> states)
      throws IOException {
    saveAll(file, Map.of(pattern, states));
  }

  /**
   * Every section of the file by pattern, in file order, or null when there is no file or it is not
   * a state file.
   *
   * @throws IOException when the file cannot be read or a position line is malformed
   */
  public static Map<String, Map<Path, LogFollowerState>> loadAll(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (lines.size() < 2 || !lines.get(0).equals(HEADER)) {
      return null;
    }
    Map<String, Map<Path, LogFollowerState>> all = new LinkedHashMap<>();
    Map<Path, LogFollowerState> section = null;
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("pattern ")) {
        section = new LinkedHashMap<>();
        all.put(line.substring("pattern ".length()), section);
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0 || section == null) {
        throw new IOException("malformed line in " + file + ": " + line);
      }
      try {
        section.put(
            Path.of(line.substring(tab + 1)), LogFollowerState.decode(line.substring(0, tab)));
      } catch (IllegalArgumentException e) {
        throw new IOException("malformed line in " + file + ": " + e.getMessage(), e);
      }
    }
    return all;
  }

  /** Writes every pattern's positions at once (atomically: a crash leaves the old or the new). */
  public static void saveAll(Path file, Map<String, Map<Path, LogFollowerState>> sections)
      throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    sections.forEach(
        (pattern, states) -> {
          text.append("pattern ").append(pattern).append('\n');
          states.forEach(
              (path, state) -> {
                String name = path.toString();
                if (name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
                  text.append(state.encode()).append('\t').append(name).append('\n');
                }
              });
        });
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
