package io.vigil.agent.collect;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code /proc/PID/stat} and {@code /proc/PID/io} directly into one reused buffer. This is
 * the agent's most expensive collection (every process, every 10 s); OSHI reads about six files per
 * process and parses them into maps, which cost ~3x the CPU here. The user name is looked up only
 * for the processes that make a top list.
 *
 * <p>Checks outside this package use {@link #forChecks}, {@link #processes}, {@link #commandLine}
 * and {@link #user}; an instance keeps one read buffer, so one thread at a time uses it.
 */
public final class LinuxProcSource implements ProcSource {

  /**
   * One process at one instant, for checks outside this package.
   *
   * @param startTime clock ticks after boot: with the pid, it identifies the process
   * @param name {@code comm}: the executable's name, cut by the kernel to 15 bytes
   * @param cpuMillis user + system CPU time so far
   */
  public record Process(int pid, long startTime, String name, long cpuMillis, long rssBytes) {}

  /** Longest command line returned by {@link #commandLine}; the rest is cut. */
  public static final int MAX_COMMAND_LINE = 4096;

  /** USER_HZ: the unit of CPU times in /proc/PID/stat, 100 on every Linux ABI. */
  private static final long MILLIS_PER_TICK = 10;

  /** Bytes after '(' within which the ')' closing comm is looked for first. */
  private static final int COMM_WINDOW = 80;

  private final File proc;
  private final ProcListing listing;
  private final long pageSize;
  private static final byte[] READ_BYTES = bytes("\nread_bytes: ");
  private static final byte[] WRITE_BYTES = bytes("\nwrite_bytes: ");
  private static final byte[] UID = bytes("\nUid:\t");

  private final byte[] buffer = new byte[4096];
  private final Map<Integer, String> users = new HashMap<>();
  private long passwdModified = -1;

  /** /etc/passwd is checked for changes once per snapshot, not once per reported process. */
  private boolean passwdChecked;

  LinuxProcSource(File proc, long pageSize) {
    this(new ProcListing(proc), pageSize);
  }

  /** With the /proc listing shared with the {@code system} item. */
  LinuxProcSource(ProcListing listing, long pageSize) {
    this.proc = listing.directory();
    this.listing = listing;
    this.pageSize = pageSize;
  }

  /** A reader of {@code /proc} with its own listing, for a check. */
  public static LinuxProcSource forChecks(long pageSize) {
    return new LinuxProcSource(new File("/proc"), pageSize);
  }

  /** The processes now, as {@link #snapshot} without the I/O counters. */
  public List<Process> processes() {
    List<Snapshot> snapshots = snapshot();
    List<Process> out = new ArrayList<>(snapshots.size());
    for (Snapshot s : snapshots) {
      out.add(new Process(s.pid(), s.startTime(), s.name(), s.cpuMillis(), s.rssBytes()));
    }
    return out;
  }

  /**
   * The arguments of {@code pid} joined by spaces (at most {@link #MAX_COMMAND_LINE} bytes), empty
   * for kernel threads and zombies, null when the process is gone.
   */
  public String commandLine(int pid) {
    int n = readFile(Integer.toString(pid), "cmdline");
    if (n < 0) {
      return null;
    }
    int end = n;
    while (end > 0 && buffer[end - 1] == 0) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      if (buffer[i] == 0) {
        buffer[i] = ' ';
      }
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }

  static boolean available() {
    return new File("/proc/self/stat").canRead();
  }

  @Override
  public List<Snapshot> snapshot() {
    passwdChecked = false;
    String[] entries = listing.entries();
    List<Snapshot> out = new ArrayList<>(entries == null ? 0 : entries.length);
    if (entries == null) {
      return out;
    }
    for (String entry : entries) {
      if (entry.isEmpty() || entry.charAt(0) < '0' || entry.charAt(0) > '9') {
        continue;
      }
      Snapshot s = read(entry);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private Snapshot read(String pidDir) {
    long[] io = ioCounters(pidDir); // first: both files share the one buffer
    int n = readFile(pidDir, "stat");
    if (n <= 0) {
      return null; // the process ended meanwhile
    }
    return parseStat(buffer, n, pageSize, io);
  }

  /** Parses one stat line; {@code io} is {read_bytes, write_bytes}. Null when malformed. */
  static Snapshot parseStat(byte[] b, int n, long pageSize, long[] io) {
    int open = 0;
    while (open < n && b[open] != '(') {
      open++;
    }
    if (open >= n) {
      return null;
    }
    // The last ')' ends comm, which may itself contain parentheses; nothing after comm does. comm
    // is at most 63 bytes (kernel workers), so look back from just past that, not from the end of
    // the ~300-byte line (a byte loop costs in the interpreter); a candidate not followed by the
    // one-letter state is checked by scanning the whole line.
    int close = lastClose(b, Math.min(n, open + COMM_WINDOW), open);
    if (close < 0 || close + 3 >= n || b[close + 1] != ' ' || b[close + 3] != ' ') {
      close = lastClose(b, n, open); // not followed by " S ": scan the whole line
    }
    if (close < 0) {
      return null;
    }
    int pid = (int) KernelText.number(b, 0, open - 1);
    String name = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
    // Fields after "comm)": 3=state ... 14=utime 15=stime 22=starttime 24=rss (1-based).
    long utime = 0;
    long stime = 0;
    long start = 0;
    long rss = 0;
    int field = 2;
    int i = close + 1;
    while (i < n && field < 24) {
      while (i < n && b[i] == ' ') {
        i++;
      }
      int tokenStart = i;
      while (i < n && b[i] != ' ' && b[i] != '\n') {
        i++;
      }
      field++;
      switch (field) {
        case 14 -> utime = KernelText.number(b, tokenStart, i);
        case 15 -> stime = KernelText.number(b, tokenStart, i);
        case 22 -> start = KernelText.number(b, tokenStart, i);
        case 24 -> rss = KernelText.number(b, tokenStart, i);
        default -> {}
      }
    }
    if (field < 24) {
      return null;
    }
    return new Snapshot(
        pid,
        start,
        name,
        (utime + stime) * MILLIS_PER_TICK,
        Math.max(0, rss) * pageSize,
        io[0],
        io[1]);
  }

  private static int lastClose(byte[] b, int end, int open) {
    for (int i = end - 1; i > open; i--) {
      if (b[i] == ')') {
        return i;
      }
    }
    return -1;
  }

  /** read_bytes and write_bytes (storage I/O), zero when not readable (other users' processes). */
  private long[] ioCounters(String pidDir) {
    long[] io = new long[2];
    int n = readFile(pidDir, "io");
    if (n > 0) {
      io[0] = valueAfter(buffer, n, READ_BYTES);
      io[1] = valueAfter(buffer, n, WRITE_BYTES);
    }
    return io;
  }

  static long valueAfter(byte[] b, int n, String key) {
    return valueAfter(b, n, bytes(key));
  }

  /**
   * The number after {@code key} (which starts with a newline), or 0. Byte keys and a first-byte
   * test: the agent runs interpreted, where a String.charAt per compared byte dominated.
   */
  static long valueAfter(byte[] b, int n, byte[] key) {
    int length = key.length;
    byte first = key[0];
    outer:
    for (int i = 0, last = n - length; i <= last; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int k = 1; k < length; k++) {
        if (b[i + k] != key[k]) {
          continue outer;
        }
      }
      int start = i + length;
      int end = start;
      while (end < n && b[end] >= '0' && b[end] <= '9') {
        end++;
      }
      return KernelText.number(b, start, end);
    }
    return 0;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private int readFile(String pidDir, String file) {
    try (FileInputStream in = new FileInputStream(proc.getPath() + "/" + pidDir + "/" + file)) {
      int total = 0;
      int r;
      while (total < buffer.length && (r = in.read(buffer, total, buffer.length - total)) > 0) {
        total += r;
      }
      return total;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public String user(int pid) {
    int n = readFile(Integer.toString(pid), "status");
    if (n <= 0) {
      return null;
    }
    long uid = valueAfter(buffer, n, UID);
    return userName((int) uid);
  }

  private String userName(int uid) {
    if (passwdChecked) {
      return users.getOrDefault(uid, Integer.toString(uid));
    }
    passwdChecked = true;
    Path passwd = Path.of("/etc/passwd");
    try {
      long modified = Files.getLastModifiedTime(passwd).toMillis();
      if (modified != passwdModified) {
        users.clear();
        try (BufferedReader r = Files.newBufferedReader(passwd, StandardCharsets.UTF_8)) {
          String line;
          while ((line = r.readLine()) != null) {
            String[] parts = line.split(":", 4);
            if (parts.length >= 3) {
              try {
                users.put(Integer.parseInt(parts[2]), parts[0]);
              } catch (NumberFormatException ignored) {
                // a malformed passwd line: skip it
              }
            }
          }
        }
        passwdModified = modified;
      }
    } catch (IOException e) {
      // no readable passwd (minimal containers): fall back to the numeric uid
    }
    return users.getOrDefault(uid, Integer.toString(uid));
  }
}
