package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real VictoriaMetrics single node for integration tests, started from Debian's binary ({@code
 * /usr/bin/victoria-metrics}, package {@code victoria-metrics}) on a free 127.0.0.1 port with its
 * data under {@code <dir>/data}. By default it runs as Vigil asks production to run it: {@code
 * -dedup.minScrapeInterval=1ms}, so a re-sent sample is kept once. It can be stopped gently, killed
 * (SIGKILL) and started again on the same port and data. Closing stops it.
 *
 * <p>A missing binary fails loudly, naming the package: a skipped test would pass while proving
 * nothing.
 *
 * <pre>{@code
 * VictoriaMetricsServer vm = VictoriaMetricsServer.in(dir).start();
 * URI base = vm.url();   // http://127.0.0.1:PORT
 * }</pre>
 */
public final class VictoriaMetricsServer implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/victoria-metrics");
  private static final long START_TIMEOUT_MILLIS = 30_000;
  private static final String LOG = "victoria-metrics.log";

  private final Path dir;
  private final int port;
  private final List<String> command;
  private Process process;

  private VictoriaMetricsServer(Path dir, int port, List<String> command) {
    this.dir = dir;
    this.port = port;
    this.command = command;
  }

  /** A server to be configured, whose data and log go to {@code dir} (which must exist). */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** {@code http://127.0.0.1:PORT}, the base of its HTTP API. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Stops it with SIGTERM, which makes it flush what it holds in memory to disk. */
  public synchronized void stop() {
    PeerProcesses.stop(process, 30);
  }

  /** Kills it with SIGKILL: what it had not written to disk yet is lost. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Starts it again, after {@link #stop()} or {@link #kill()}, on the same port and data. */
  public synchronized void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "VictoriaMetricsServer[" + url() + ", " + dir + "]";
  }

  private synchronized void launch() {
    process = PeerProcesses.start(command, null, dir, dir.resolve(LOG), Builder.HINT);
    PeerProcesses.awaitReady(
        process,
        START_TIMEOUT_MILLIS,
        "victoria-metrics",
        this::healthy,
        () -> PeerProcesses.tails(dir, List.of(LOG)));
  }

  private boolean healthy() {
    if (!PeerProcesses.listening(port)) {
      return false;
    }
    try {
      HttpURLConnection health =
          (HttpURLConnection) url().resolve("/health").toURL().openConnection();
      health.setConnectTimeout(1000);
      health.setReadTimeout(1000);
      try {
        return health.getResponseCode() == 200;
      } finally {
        health.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Flags of the server; {@link #start()} starts it. */
  public static final class Builder {

    static final String HINT = "apt-get install -y victoria-metrics";

    private final Path dir;
    private final Map<String, String> flags = new LinkedHashMap<>();

    private Builder(Path dir) {
      this.dir = dir;
      flags.put("-dedup.minScrapeInterval", "1ms");
      flags.put("-retentionPeriod", "1y");
      flags.put("-memory.allowedBytes", "512MB"); // a shared test machine, not a server
    }

    /** A command-line flag, e.g. {@code flag("-search.latencyOffset", "1s")}. */
    public Builder flag(String name, String value) {
      flags.put(name, value);
      return this;
    }

    /** Runs without de-duplication, as VictoriaMetrics does by default. */
    public Builder withoutDeduplication() {
      flags.remove("-dedup.minScrapeInterval");
      return this;
    }

    /**
     * Starts it and waits until {@code /health} answers.
     *
     * @throws IllegalStateException if the binary is missing or the server does not start
     */
    public VictoriaMetricsServer start() {
      if (!Files.isExecutable(BINARY)) {
        throw new IllegalStateException(BINARY + " is missing: " + HINT);
      }
      try {
        Files.createDirectories(dir.resolve("data"));
        // A port found free may be taken before the server binds it; try again with others.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
          int port = PeerProcesses.freeLoopbackPort();
          List<String> command = new ArrayList<>();
          command.add(BINARY.toString());
          command.add("-storageDataPath=" + dir.resolve("data"));
          command.add("-httpListenAddr=127.0.0.1:" + port);
          flags.forEach((name, value) -> command.add(name + "=" + value));
          VictoriaMetricsServer server = new VictoriaMetricsServer(dir, port, List.copyOf(command));
          try {
            server.launch();
            return server;
          } catch (IllegalStateException e) {
            last = e;
            server.stop();
          }
        }
        throw last;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare victoria-metrics in " + dir, e);
      }
    }
  }
}
