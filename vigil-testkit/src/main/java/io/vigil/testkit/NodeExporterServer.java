package io.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Prometheus node_exporter for integration tests, started from Debian's binary ({@code
 * /usr/bin/prometheus-node-exporter}, package {@code prometheus-node-exporter}) on a free 127.0.0.1
 * port, reporting the machine the tests run on. Closing stops it.
 *
 * <pre>{@code
 * try (NodeExporterServer exporter = NodeExporterServer.start(dir)) {
 *   String url = exporter.metricsUrl(); // http://127.0.0.1:PORT/metrics
 * }
 * }</pre>
 */
public final class NodeExporterServer implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");
  private static final long START_TIMEOUT_MILLIS = 20_000;

  private final Path dir;
  private final Process process;
  private final int port;

  private NodeExporterServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts node_exporter, its log in {@code dir} (which must exist), and waits until it listens.
   *
   * @throws IllegalStateException if the package is missing or it does not start
   */
  public static NodeExporterServer start(Path dir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing: install the Debian package prometheus-node-exporter"
              + " (apt-get install -y prometheus-node-exporter)");
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port;
      try {
        port = PeerProcesses.freeLoopbackPort();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      int listen = port;
      Process process =
          PeerProcesses.start(
              List.of(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port),
              null,
              dir,
              dir.resolve("node-exporter.log"),
              "apt-get install -y prometheus-node-exporter");
      try {
        PeerProcesses.awaitReady(
            process,
            START_TIMEOUT_MILLIS,
            "node_exporter",
            () -> PeerProcesses.listening(listen),
            () -> PeerProcesses.tails(dir, List.of("node-exporter.log")));
        return new NodeExporterServer(dir, process, port);
      } catch (IllegalStateException e) {
        last = e;
        PeerProcesses.stop(process, 10);
      }
    }
    throw last;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT/metrics}. */
  public String metricsUrl() {
    return "http://127.0.0.1:" + port + "/metrics";
  }

  @Override
  public void close() {
    PeerProcesses.stop(process, 10);
  }

  @Override
  public String toString() {
    return "NodeExporterServer[" + dir + ", port " + port + "]";
  }
}
