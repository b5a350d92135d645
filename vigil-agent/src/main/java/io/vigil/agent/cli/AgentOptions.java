package io.vigil.agent.cli;

import io.vigil.agent.transport.ServerTls;
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
 * @param spoolMaxAge spooled batches older than this are dropped ({@code --spool-max-age}, 7d)
 * @param pushInterval how often collected points are cut into a batch
 * @param batchMaxPoints a batch is cut early when this many points have accumulated
 * @param scriptDirs the only directories script checks may run executables from; set here, on the
 *     agent's own command line, never by the server
 * @param tls how {@code https} servers are verified ({@code --server-ca}, {@code
 *     --server-fingerprint}, or the JVM's trust store)
 */
public record AgentOptions(
    List<URI> servers,
    String enrolmentToken,
    Path stateDir,
    long spoolMaxBytes,
    Duration pushInterval,
    int batchMaxPoints,
    List<Path> scriptDirs,
    ServerTls tls,
    Duration spoolMaxAge) {

  public static final long DEFAULT_SPOOL_MAX_MB = 256;
  public static final Duration DEFAULT_SPOOL_MAX_AGE = Duration.ofDays(7);
  public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_BATCH_MAX_POINTS = 5_000;

  /** Options with the default spool age (7 days). */
  public AgentOptions(
      List<URI> servers,
      String enrolmentToken,
      Path stateDir,
      long spoolMaxBytes,
      Duration pushInterval,
      int batchMaxPoints,
      List<Path> scriptDirs,
      ServerTls tls) {
    this(
        servers,
        enrolmentToken,
        stateDir,
        spoolMaxBytes,
        pushInterval,
        batchMaxPoints,
        scriptDirs,
        tls,
        DEFAULT_SPOOL_MAX_AGE);
  }

  public AgentOptions {
    if (spoolMaxAge == null) {
      spoolMaxAge = DEFAULT_SPOOL_MAX_AGE;
    }
    if (spoolMaxAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new OptionsException("--spool-max-age must be at least 1m");
    }
    servers = List.copyOf(servers);
    scriptDirs = List.copyOf(scriptDirs);
    if (tls == null) {
      tls = ServerTls.defaults();
    }
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
