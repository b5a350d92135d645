package io.vigil.agent.check;

import io.vigil.agent.collect.LinuxProcSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the agent gives every check kind.
 *
 * @param stateDir where checks keep state across restarts ({@code <state-dir>/checks}); see {@link
 *     #stateFile}
 * @param scriptDirs the directories script checks may run executables from, set only on the agent's
 *     own command line ({@code --script-dir}), never by the server
 * @param processSource a new reader of the host's processes (one per check: a reader keeps a buffer
 *     and is used by one thread at a time)
 * @param clock wall-clock time
 */
public record CheckContext(
    Path stateDir, List<Path> scriptDirs, Supplier<LinuxProcSource> processSource, Clock clock) {

  public CheckContext {
    Objects.requireNonNull(stateDir, "stateDir");
    scriptDirs = List.copyOf(scriptDirs);
    Objects.requireNonNull(processSource, "processSource");
    Objects.requireNonNull(clock, "clock");
  }

  /** The state file of one item; item keys are identifiers, so the name is safe. */
  public Path stateFile(String item) {
    return stateDir.resolve(item + ".state");
  }
}
