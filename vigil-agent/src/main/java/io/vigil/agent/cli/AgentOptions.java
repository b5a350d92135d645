package io.vigil.agent.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the agent needs to start, validated once so the rest of the code can trust it.
 *
 * @param servers one or two server base URLs (e.g. {@code https://vigil.example:8443}); each gets
 *     its own token, sequence and spool
 * @param enrolmentToken the shared enrolment secret, or null when every server is already enrolled
 * @param stateDir where tokens, sequences, spools and the last config live
 * @param spoolMaxBytes the disk budget of each server's spool
 * @param pushInterval how often collected points are cut into a batch
 * @param batchMaxPoints a batch is cut early when this many points have accumulated
 * @param scriptDirs the only directories script checks may run executables from; set here, on the
 *     agent's own command line, never by the server
 */
public record AgentOptions(
    List<URI> servers,
    String enrolmentToken,
    Path stateDir,
    long spoolMaxBytes,
    Duration pushInterval,
    int batchMaxPoints,
    List<Path> scriptDirs) {

  public static final long DEFAULT_SPOOL_MAX_MB = 256;
  public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_BATCH_MAX_POINTS = 5_000;

  public AgentOptions {
    servers = List.copyOf(servers);
    scriptDirs = List.copyOf(scriptDirs);
    for (Path dir : scriptDirs) {
      if (!dir.isAbsolute()) {
        throw new OptionsException("--script-dir must be an absolute path, was '" + dir + "'");
      }
    }
    if (servers.isEmpty()) {
      throw new OptionsException("at least one --server URL is required");
    }
    if (servers.size() > 2) {
      throw new OptionsException("at most two --server URLs are supported (HA pair)");
    }
    if (stateDir == null) {
      throw new OptionsException("--state-dir is required");
    }
    if (spoolMaxBytes < 1024 * 1024) {
      throw new OptionsException("--spool-max-mb must be at least 1");
    }
    if (pushInterval.toMillis() < 1000) {
      throw new OptionsException("--push-interval-seconds must be at least 1");
    }
    if (batchMaxPoints < 1 || batchMaxPoints > io.vigil.model.Batch.MAX_POINTS) {
      throw new OptionsException(
          "--batch-max-points must be between 1 and " + io.vigil.model.Batch.MAX_POINTS);
    }
  }
}
