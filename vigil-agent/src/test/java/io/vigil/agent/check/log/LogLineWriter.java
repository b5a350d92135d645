package io.vigil.agent.check.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Appends lines to a log on its own thread, line {@code n} (from 0) being {@code text(n)} plus a
 * newline. With {@code reopens} it reopens the path once it names a new file, as a logger does on
 * SIGHUP. It can hold still between two lines ({@link #pause}, {@link #resume}). Shared with the
 * web log check's tests.
 */
public final class LogLineWriter implements Runnable {

  final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Path log;
  private final boolean reopens;
  private final LongFunction<String> text;
  private final Thread thread = new Thread(this, "log-writer");
  private final Object pauseLock = new Object();
  private volatile boolean running = true;
  private boolean paused; // guarded by pauseLock
  private boolean idle; // guarded by pauseLock
  private volatile long written;

  public LogLineWriter(Path log, boolean reopens, LongFunction<String> text) {
    this.log = log;
    this.reopens = reopens;
    this.text = text;
  }

  public void start() {
    thread.start();
  }

  /** How many lines are written so far. */
  public long written() {
    return written;
  }

  boolean failed() {
    return failure.get() != null;
  }

  /** Waits until {@code more} lines are written, and asserts that writing did not fail. */
  public void awaitMore(int more, Duration patience) {
    long target = written + more;
    await().atMost(patience).until(() -> written >= target || failed());
    assertThat(failure.get()).as("writer failure").isNull();
  }

  /** Returns once the writer stands still between two lines. */
  public void pause() throws InterruptedException {
    synchronized (pauseLock) {
      paused = true;
      while (!idle && running && !failed()) {
        pauseLock.wait(100);
      }
    }
  }

  public void resume() {
    synchronized (pauseLock) {
      paused = false;
      pauseLock.notifyAll();
    }
  }

  /** Stops (again, if need be) and returns how many lines were written. */
  public long stop() throws InterruptedException {
    running = false;
    resume();
    thread.join();
    return written;
  }

  @Override
  public void run() {
    try {
      OutputStream out = open();
      LogFollower.FileId id = LogFollower.FileId.of(log);
      while (running) {
        holdWhilePaused();
        if (reopens) {
          LogFollower.FileId now = LogFollower.FileId.of(log);
          if (now != null && !now.equals(id)) {
            out.close();
            out = open();
            id = now;
          }
        }
        long n = written;
        out.write((text.apply(n) + "\n").getBytes(UTF_8));
        written = n + 1;
        LockSupport.parkNanos(100_000); // pacing the writer, not waiting for a result
      }
      out.close();
    } catch (IOException | RuntimeException | InterruptedException e) {
      failure.set(e);
    }
  }

  private void holdWhilePaused() throws InterruptedException {
    synchronized (pauseLock) {
      while (paused && running) {
        idle = true;
        pauseLock.notifyAll();
        pauseLock.wait(100);
      }
      idle = false;
    }
  }

  private OutputStream open() throws IOException {
    return Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
