package io.vigil.agent.check.script;

import io.vigil.model.CheckStatus;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Nagios-compatible plugins: an argv list (no shell), only executables inside allow-listed
 * directories, with a timeout, an output limit, a minimal environment and a fixed working
 * directory. Thread-safe; each {@link #run} uses the calling thread plus one output reader thread.
 *
 * <p><b>Allow-list.</b> {@code argv[0]} is an absolute path, or a bare name looked up in the
 * allowed directories in order. Its real path ({@link Path#toRealPath}, symlinks followed) must lie
 * inside the real path of an allowed directory and be an executable regular file; otherwise nothing
 * is started and the result is UNKNOWN "refused: ...". The process is started with the path as
 * given, not the real path, because multi-call plugins dispatch on their name ({@code check_ftp ->
 * check_tcp}). A file swapped between the check and the start is not guarded against: the allowed
 * directories must be writable only by root.
 *
 * <p><b>Timeout</b> (default 10 s): the process and its descendants get SIGTERM, then after {@link
 * #KILL_GRACE} SIGKILL. The result is {@link CheckStatus#CRITICAL} "timed out after N s" by
 * default, as Nagios Core ({@code service_check_timeout_state=c}) and the monitoring-plugins
 * ({@code -t N}, default state CRITICAL) do: a check that hangs usually means the thing it checks
 * hangs (a dead NFS mount, a stuck daemon), which should page rather than hide as UNKNOWN. It can
 * be set to UNKNOWN through the constructor.
 *
 * <p><b>Output</b>: stdout and stderr are merged into one pipe (so one reader cannot deadlock) and
 * read up to the limit (default 64 KiB); the rest is read and discarded so the child never blocks
 * on a full pipe. When truncated, the output is cut back to its last complete line so a cut
 * performance-data item is not misread.
 */
public final class PluginRunner {

  /** The Debian/Ubuntu monitoring-plugins directory. */
  public static final Path NAGIOS_PLUGINS = Path.of("/usr/lib/nagios/plugins");

  /** The agent's own scripts directory. */
  public static final Path AGENT_SCRIPTS = Path.of("/etc/vigil-agent/scripts");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_OUTPUT_LIMIT_BYTES = 64 * 1024;

  /** How long a plugin may take to exit after SIGTERM before it gets SIGKILL. */
  public static final Duration KILL_GRACE = Duration.ofSeconds(1);

  /** The whole environment a plugin sees. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("PATH", "/usr/bin:/bin", "LANG", "C", "LC_ALL", "C");

  private static final Logger LOG = LoggerFactory.getLogger(PluginRunner.class);
  private static final Duration READER_GRACE = Duration.ofSeconds(1);

  private final List<Path> allowedDirs;
  private final Duration timeout;
  private final int outputLimitBytes;
  private final Path workingDir;
  private final CheckStatus timeoutStatus;

  /**
   * @param allowedDirs the directories plugins must resolve into; missing ones are ignored
   * @param timeout the time a run may take, at least 1 ms
   * @param outputLimitBytes the output kept, at least 1
   * @param workingDir the working directory of every run
   * @param timeoutStatus CRITICAL or UNKNOWN, the status of a run killed at the timeout
   */
  public PluginRunner(
      List<Path> allowedDirs,
      Duration timeout,
      int outputLimitBytes,
      Path workingDir,
      CheckStatus timeoutStatus) {
    this.allowedDirs =
        List.copyOf(Objects.requireNonNull(allowedDirs, "allowedDirs")).stream()
            .map(p -> p.toAbsolutePath().normalize())
            .toList();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 ms: " + timeout);
    }
    if (outputLimitBytes < 1) {
      throw new IllegalArgumentException("outputLimitBytes must be positive: " + outputLimitBytes);
    }
    this.outputLimitBytes = outputLimitBytes;
    this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
    if (timeoutStatus != CheckStatus.CRITICAL && timeoutStatus != CheckStatus.UNKNOWN) {
      throw new IllegalArgumentException("timeoutStatus must be CRITICAL or UNKNOWN");
    }
    this.timeoutStatus = timeoutStatus;
  }

  /** A runner with the default timeout, output limit and timeout status, working in {@code /}. */
  public PluginRunner(List<Path> allowedDirs) {
    this(
        allowedDirs,
        DEFAULT_TIMEOUT,
        DEFAULT_OUTPUT_LIMIT_BYTES,
        Path.of("/"),
        CheckStatus.CRITICAL);
  }

  /** A copy with another timeout. */
  public PluginRunner withTimeout(Duration newTimeout) {
    return new PluginRunner(allowedDirs, newTimeout, outputLimitBytes, workingDir, timeoutStatus);
  }

  /** A copy with another output limit. */
  public PluginRunner withOutputLimit(int newLimitBytes) {
    return new PluginRunner(allowedDirs, timeout, newLimitBytes, workingDir, timeoutStatus);
  }

  /** Runs {@code argv}; never throws for anything the plugin does. */
  public PluginResult run(List<String> argv) {
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      return PluginResult.notRun("refused: empty command");
    }
    Path executable;
    try {
      executable = resolve(argv.get(0));
    } catch (RefusedException e) {
      LOG.warn("Plugin {}", e.getMessage());
      return PluginResult.notRun(e.getMessage());
    }
    List<String> command = new ArrayList<>(argv);
    command.set(0, executable.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(ENVIRONMENT);

    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return PluginResult.notRun("could not start " + executable + ": " + e.getMessage());
    }
    BoundedSink sink = new BoundedSink(outputLimitBytes);
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name("plugin-output-" + process.pid())
            .start(() -> sink.drain(process.getInputStream()));
    boolean exited = waitFor(process, timeout);
    if (!exited) {
      killTree(process);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    joinReader(reader);

    PluginOutput output = PluginOutput.parse(sink.text());
    PerfData perf = output.perfData();
    if (!exited) {
      LOG.warn("Plugin {} timed out after {} and was killed", executable, describe(timeout));
      return new PluginResult(
          timeoutStatus,
          "timed out after " + describe(timeout),
          List.of(),
          0,
          -1,
          elapsed,
          sink.truncated());
    }
    int exitCode = process.exitValue();
    CheckStatus status = CheckStatus.ofExitCode(exitCode);
    String message = output.message();
    if (exitCode < 0 || exitCode > 3) {
      message = "exit code " + exitCode + (message.isEmpty() ? "" : ": " + message);
    } else if (message.isEmpty()) {
      message = "(no output, exit code " + exitCode + ")";
    }
    return new PluginResult(
        status, message, perf.items(), perf.skipped(), exitCode, elapsed, sink.truncated());
  }

  /** The executable {@code argv[0]} names, checked against the allow-list. */
  private Path resolve(String name) throws RefusedException {
    Path given;
    if (name.indexOf('/') < 0) {
      given = null;
      for (Path dir : allowedDirs) {
        Path candidate = dir.resolve(name);
        if (Files.exists(candidate)) {
          given = candidate;
          break;
        }
      }
      if (given == null) {
        throw new RefusedException(
            "refused: " + name + " is not in the allowed directories " + allowedDirs);
      }
    } else {
      given = Path.of(name);
      if (!given.isAbsolute()) {
        throw new RefusedException("refused: " + name + " is a relative path");
      }
      given = given.normalize();
    }
    Path real;
    try {
      real = given.toRealPath();
    } catch (IOException e) {
      throw new RefusedException("refused: " + given + " does not exist");
    }
    boolean inside = false;
    for (Path dir : allowedDirs) {
      try {
        if (real.startsWith(dir.toRealPath())) {
          inside = true;
          break;
        }
      } catch (IOException e) {
        // A missing allowed directory allows nothing.
      }
    }
    if (!inside) {
      String via = real.equals(given) ? "" : " (resolves to " + real + ")";
      throw new RefusedException(
          "refused: " + given + via + " is outside the allowed directories " + allowedDirs);
    }
    if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
      throw new RefusedException("refused: " + given + " is not an executable file");
    }
    return given;
  }

  private static boolean waitFor(Process process, Duration limit) {
    try {
      return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * SIGTERM to the process and all its descendants, then SIGKILL to whatever is left after the
   * grace. The descendants are listed before anything is signalled: once the parent is gone its
   * children are re-parented and no longer found through it.
   */
  private static void killTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      process.onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Killed below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.descendants().forEach(tree::add);
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
      }
    }
    try {
      process.onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Plugin process {} did not exit after SIGKILL", process.pid());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits a little for the reader: a background child that inherited the pipe can keep it open
   * after the plugin exited; the daemon reader then finishes on its own when that child does.
   */
  private static void joinReader(Thread reader) {
    try {
      if (!reader.join(READER_GRACE)) {
        LOG.debug("Plugin output still open after exit; returning what was read");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Keeps the first {@code limit} bytes of a stream and discards the rest while draining it. */
  private static final class BoundedSink {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    BoundedSink(int limit) {
      this.limit = limit;
    }

    void drain(InputStream in) {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            int room = limit - kept.size();
            if (n > room) {
              truncated = true;
            }
            if (room > 0) {
              kept.write(buffer, 0, Math.min(n, room));
            }
          }
        }
      } catch (IOException e) {
        // The pipe closed under us (process killed): keep what was read.
      }
    }

    synchronized boolean truncated() {
      return truncated;
    }

    /** The kept output; when truncated, up to its last complete line if it has one. */
    synchronized String text() {
      String text = kept.toString(StandardCharsets.UTF_8);
      if (truncated) {
        int lastNewline = text.lastIndexOf('\n');
        if (lastNewline > 0) {
          text = text.substring(0, lastNewline);
        }
      }
      return text;
    }
  }

  private static final class RefusedException extends Exception {
    RefusedException(String message) {
      super(message, null, false, false);
    }
  }
}
