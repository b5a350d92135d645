package io.vigil.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the peer servers of the test kit share: free loopback ports, running their commands (as a
 * system user when the JVM is root), waiting for them, handing files over to that user, reading
 * their logs and deleting their directory.
 */
final class PeerProcesses {

  private PeerProcesses() {}

  /** Whether this JVM runs as root, so that servers refusing root must run as another user. */
  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** A TCP port free on 127.0.0.1 right now (another process may still take it before us). */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String generatePassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Starts {@code command} in {@code dir}, as {@code user} through {@code runuser} unless null,
   * with no input, output and errors appended to {@code log} (a file, not a pipe: a daemon it
   * starts would inherit and hold a pipe open) and the C locale.
   *
   * @param hint what to do when the command cannot be run, for the message
   */
  static Process start(List<String> command, String user, Path dir, Path log, String hint) {
    List<String> full = new ArrayList<>();
    if (user != null) {
      full.addAll(List.of("runuser", "-u", user, "--"));
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The locale of the JVM's environment must not leak into the peer (initdb's collation, say).
    builder.environment().put("LC_ALL", "C");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + String.join(" ", full) + " (" + hint + "): " + e.getMessage(), e);
    }
  }

  /**
   * Waits for a command to finish successfully.
   *
   * @param what the command's name, for messages
   * @param logs the tails of the logs, appended to a failure's message
   * @throws IllegalStateException if it takes longer than {@code timeoutSeconds} or fails
   */
  static void awaitSuccess(
      Process process, long timeoutSeconds, String what, Supplier<String> logs) {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish; " + logs.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(what + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          what + " exited with " + process.exitValue() + "; " + logs.get());
    }
  }

  /**
   * Polls {@code ready} until it holds while the server process keeps running.
   *
   * @param what the server's name, for messages
   * @param logs the tails of the logs, appended to a failure's message
   * @throws IllegalStateException if the process exits or is not ready within {@code timeoutMillis}
   */
  static void awaitReady(
      Process process,
      long timeoutMillis,
      String what,
      BooleanSupplier ready,
      Supplier<String> logs) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            what + " exited with " + process.exitValue() + "; " + logs.get());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS); // polling a child's start, not a result
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        what + " did not get ready within " + timeoutMillis / 1000 + " s; " + logs.get());
  }

  /** Stops a process gently (SIGTERM), forcibly if it is still alive after {@code graceSeconds}. */
  static void stop(Process process, long graceSeconds) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The last 20 lines of each named log in {@code dir} that exists, for a failure's message. */
  static String tails(Path dir, List<String> names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      Path log = dir.resolve(name);
      try {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          out.append(name)
              .append(":\n")
              .append(
                  String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
              .append('\n');
        }
      } catch (IOException e) {
        out.append(name).append(": unreadable (").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  /**
   * Makes {@code user} (and its group of the same name) own {@code path}.
   *
   * @param hint how to get the user, for the message when it does not exist
   */
  static void handOver(Path path, String user, String hint) throws IOException {
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    try {
      view.setOwner(users.lookupPrincipalByName(user));
      view.setGroup(users.lookupPrincipalByGroupName(user));
    } catch (IOException e) {
      throw new IllegalStateException(
          "running as root, the server must run as the "
              + user
              + " user, which does not exist: "
              + hint,
          e);
    }
  }

  /** Deletes a directory tree, best effort: a leftover temp file must not fail the test run. */
  static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Best effort, as above.
                }
              });
    } catch (IOException e) {
      // Ditto.
    }
  }
}
