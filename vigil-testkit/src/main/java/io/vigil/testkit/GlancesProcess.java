package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Glances (Debian's {@code /usr/bin/glances}, package {@code glances}; its InfluxDB exporter
 * needs {@code python3-influxdb}) for integration tests: started quiet ({@code -q}) with a
 * configuration of its own that exports the machine's stats to a server under test, through its
 * InfluxDB exporter (line protocol) and/or its RESTful exporter (JSON). Closing stops it.
 *
 * <pre>{@code
 * GlancesProcess glances =
 *     GlancesProcess.in(dir).influxdb("127.0.0.1", port, "vigil", token, "glances").start();
 * }</pre>
 */
public final class GlancesProcess implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/glances");

  private final Path dir;
  private final Process process;

  private GlancesProcess(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /** Glances to be configured, whose files go to {@code dir} (which must exist). */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** Whether the process still runs (an exporter that cannot reach its server makes it exit). */
  public boolean alive() {
    return process.isAlive();
  }

  /** The last lines of its output, for a failure's message. */
  public String logs() {
    return PeerProcesses.tails(dir, List.of("glances.out"));
  }

  @Override
  public void close() {
    PeerProcesses.stop(process, 10);
  }

  @Override
  public String toString() {
    return "GlancesProcess[" + dir + "]";
  }

  /** Which exporters to run and where they send. */
  public static final class Builder {
    private final Path dir;
    private final List<String> exports = new ArrayList<>();
    private final StringBuilder conf = new StringBuilder();
    private int refreshSeconds = 1;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /**
     * Exports through the InfluxDB (1.x) exporter: line protocol to {@code http://host:port/write}
     * with basic credentials.
     */
    public Builder influxdb(String host, int port, String user, String password, String db) {
      exports.add("influxdb");
      conf.append("[influxdb]\nhost=")
          .append(host)
          .append("\nport=")
          .append(port)
          .append("\nprotocol=http\nuser=")
          .append(user)
          .append("\npassword=")
          .append(password)
          .append("\ndb=")
          .append(db)
          .append("\n\n");
      return this;
    }

    /**
     * Exports through the RESTful exporter: Glances POSTs its JSON stats to {@code
     * http://host:port/path}; {@code host} may carry {@code user:password@}, which Glances' HTTP
     * library sends as basic credentials.
     */
    public Builder restful(String host, int port, String path) {
      exports.add("restful");
      conf.append("[restful]\nhost=")
          .append(host)
          .append("\nport=")
          .append(port)
          .append("\nprotocol=http\npath=")
          .append(path)
          .append("\n\n");
      return this;
    }

    /** Seconds between refreshes (and exports); 1 by default. */
    public Builder refreshSeconds(int seconds) {
      this.refreshSeconds = seconds;
      return this;
    }

    /**
     * Starts Glances; it exports until closed.
     *
     * @throws IllegalStateException if the package is missing or it exits at once
     */
    public GlancesProcess start() {
      if (!Files.isExecutable(BINARY)) {
        throw new IllegalStateException(
            BINARY
                + " is missing: install the Debian package glances (apt-get install -y glances)");
      }
      if (exports.isEmpty()) {
        throw new IllegalStateException("choose an exporter: influxdb(...) or restful(...)");
      }
      Path config = dir.resolve("glances.conf");
      try {
        Files.writeString(config, conf.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Process process =
          PeerProcesses.start(
              List.of(
                  BINARY.toString(),
                  "-C",
                  config.toString(),
                  "-q",
                  "--export",
                  String.join(",", exports),
                  "--time",
                  Integer.toString(refreshSeconds)),
              null,
              dir,
              dir.resolve("glances.out"),
              "apt-get install -y glances python3-influxdb");
      return new GlancesProcess(dir, process);
    }
  }
}
