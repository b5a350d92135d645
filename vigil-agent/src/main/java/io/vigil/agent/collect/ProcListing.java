package io.vigil.agent.collect;

import java.io.File;

/**
 * The entries of {@code /proc}, listed once per collection round and shared: the {@code system}
 * item counts the processes in it, the {@code proc} item reads each of them. A listing younger than
 * a second is reused (both run in the same round, milliseconds apart).
 */
final class ProcListing {

  private static final long REUSE_NANOS = 1_000_000_000L;

  private final File proc;
  private String[] entries;
  private long listedAt;

  ProcListing(File proc) {
    this.proc = proc;
  }

  File directory() {
    return proc;
  }

  /** The entry names, or null when /proc cannot be listed. */
  String[] entries() {
    long now = System.nanoTime();
    if (entries == null || now - listedAt > REUSE_NANOS) {
      entries = proc.list();
      listedAt = now;
    }
    return entries;
  }

  static boolean isPid(String entry) {
    if (entry.isEmpty()) {
      return false;
    }
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** How many processes the listing shows (all-digit names, as OSHI counts them); -1 if none. */
  int processCount() {
    String[] names = entries();
    if (names == null) {
      return -1;
    }
    int count = 0;
    for (String name : names) {
      if (isPid(name)) {
        count++;
      }
    }
    return count;
  }
}
