package io.vigil.agent.spool;

import io.vigil.agent.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-server batch sequence, persisted so a restart continues where it stopped. Sequences only
 * grow: the server acknowledges "everything up to N", so re-using a number would lose a batch.
 */
public final class SequenceCounter {

  private final Path file;
  private long last;

  /**
   * @param floor the highest sequence known to be used elsewhere (the spool's newest file), which
   *     wins when a crash hit between writing a batch and persisting the counter
   */
  public SequenceCounter(Path file, long floor) throws IOException {
    this.file = file;
    long stored = 0;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        try {
          stored = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IOException("sequence file " + file + " is corrupt: '" + text + "'", e);
        }
      }
    }
    this.last = Math.max(stored, floor);
  }

  /** The next sequence; the caller spools the batch, then calls {@link #commit}. */
  public synchronized long peekNext() {
    return last + 1;
  }

  public synchronized void commit(long sequence) throws IOException {
    if (sequence <= last) {
      throw new IllegalArgumentException("sequence " + sequence + " already used");
    }
    last = sequence;
    AtomicFiles.write(file, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
  }

  /** Jumps ahead when the server has acknowledged more than this agent remembers (state loss). */
  public synchronized void advanceTo(long sequence) throws IOException {
    if (sequence > last) {
      commit(sequence);
    }
  }

  public synchronized long last() {
    return last;
  }
}
