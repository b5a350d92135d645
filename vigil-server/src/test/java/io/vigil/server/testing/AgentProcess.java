package io.vigil.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Vigil agent, started from its shaded jar as a separate process with the JVM options it
 * ships with — what an operator runs on a host.
 */
public final class AgentProcess implements AutoCloseable {

  private static final Path AGENT_MODULE =
      Path.of("..", "vigil-agent").toAbsolutePath().normalize();

  private final List<String> command;
  private final Path log;
  private Process process;

  private AgentProcess(List<String> command, Path log) {
    this.command = command;
    this.log = log;
  }

  /** Starts an agent reporting to {@code server}, keeping its state (token, spool) in stateDir. */
  public static AgentProcess start(URI server, String enrolmentToken, Path stateDir) {
    return start(server, enrolmentToken, stateDir, List.of());
  }

  /** As {@link #start(URI, String, Path)}, with more agent options (e.g. a push interval). */
  public static AgentProcess start(
      URI server, String enrolmentToken, Path stateDir, List<String> moreOptions) {
    Path jar = AGENT_MODULE.resolve("target/vigil-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build vigil-agent first (mvn package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server",
            server.toString(),
            "--enrol-token",
            enrolmentToken,
            "--state-dir",
            stateDir.toString()));
    command.addAll(moreOptions);
    AgentProcess agent =
        new AgentProcess(command, stateDir.resolveSibling(stateDir.getFileName() + ".log"));
    agent.restart();
    return agent;
  }

  private static List<String> jvmOptions() {
    Path options = AGENT_MODULE.resolve("jvm.options");
    try {
      return Files.isRegularFile(options)
          ? Files.readAllLines(options).stream()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process again (after {@link #kill()} or {@link #stop()}). */
  public void restart() {
    try {
      File logFile = log.toFile();
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("MALLOC_ARENA_MAX", "2");
      process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM and wait, as an operator's service manager would. */
  public void stop() {
    process.destroy();
    waitFor();
  }

  /** SIGKILL. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  public String log() {
    try {
      return Files.isRegularFile(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
