package io.vigil.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server jar run as a separate process (what an operator runs), so a test can kill it with
 * SIGKILL and start it again on the same data directory and port.
 */
public final class ServerProcess {

  public static final int SIGKILL_EXIT = 128 + 9;
  private static final Path SERVER_MODULE = Path.of("").toAbsolutePath();

  private final Process process;
  private final Path log;
  private final long startedNanos = System.nanoTime();

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the server jar on {@code dataDir} and {@code port}, appending its output to log. */
  public static ServerProcess start(Path dataDir, int port, Path log) {
    return start(dataDir, port, log, List.of());
  }

  /** As {@link #start(Path, int, Path)}, with more {@code --key=value} arguments. */
  public static ServerProcess start(Path dataDir, int port, Path log, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            // C1 only: restarts are what this test waits for most.
            "-XX:TieredStopAtLevel=1",
            "-Xmx512m"));
    Path jar = SERVER_MODULE.resolve("target/vigil-server.jar");
    if (Files.isRegularFile(jar)) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      // Run before the package phase (e.g. from an IDE): the classes on the test classpath.
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              io.vigil.server.VigilServerApplication.class.getName()));
    }
    command.addAll(
        List.of(
            "--vigil.data-dir=" + dataDir.toAbsolutePath(),
            "--server.port=" + port,
            "--server.address=127.0.0.1"));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new ServerProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the health endpoint answers; returns the milliseconds since the start. */
  public long awaitHealthy(URI base) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(base.resolve("/api/v1/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = startedNanos + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited at start; " + logTail());
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the server did not become healthy; " + logTail());
  }

  /** The admin password a first start printed to the log. */
  public java.util.Optional<String> generatedAdminPassword() {
    try {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("created user 'admin' with password\\s+(\\S+)")
              .matcher(Files.readString(log, StandardCharsets.UTF_8));
      return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL (destroyForcibly on Linux); returns the exit status. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server survived SIGKILL");
    }
    return process.exitValue();
  }

  /** SIGTERM and a clean exit within 60 s. */
  public boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() != SIGKILL_EXIT;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "log tail:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "no log: " + e.getMessage();
    }
  }
}
