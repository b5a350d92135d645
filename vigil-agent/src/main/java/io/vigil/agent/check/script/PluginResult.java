package io.vigil.agent.check.script;

import io.vigil.model.CheckStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one plugin run.
 *
 * @param status the exit code as a status; UNKNOWN when refused, not started or exit code outside
 *     0..3; the runner's timeout status when killed
 * @param message the first output line up to {@code |}, trimmed and bounded, or the runner's own
 *     explanation (refused, timed out, could not start)
 * @param perfData the performance data of the output, in base units (see {@link PerfUnit})
 * @param skippedPerfData how many malformed performance-data items were skipped
 * @param exitCode the process exit code, or -1 when the process was not started or was killed
 * @param elapsed wall time from start to exit (zero when not started)
 * @param truncated whether the output exceeded the limit and its tail was discarded
 */
public record PluginResult(
    CheckStatus status,
    String message,
    List<PerfDatum> perfData,
    int skippedPerfData,
    int exitCode,
    Duration elapsed,
    boolean truncated) {

  public PluginResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    perfData = List.copyOf(Objects.requireNonNull(perfData, "perfData"));
    Objects.requireNonNull(elapsed, "elapsed");
  }

  static PluginResult notRun(String message) {
    return new PluginResult(CheckStatus.UNKNOWN, message, List.of(), 0, -1, Duration.ZERO, false);
  }
}
