package io.vigil.agent.spool;

import io.vigil.agent.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk queue of one server: one gzip JSON file per batch, named by its zero-padded sequence so
 * the directory listing is the queue order. Bounded by size and by age: when full, or when a batch
 * is older than the server would accept anyway, the OLDEST batches are dropped and counted, because
 * recent data is worth more to an operator catching up after an outage. The count survives restarts
 * (file {@code dropped-total}), so the {@code agent} measurement's {@code spool_dropped_total} is a
 * true counter. Batches the server refuses (400) go to {@code rejected/} (bounded) so that one bad
 * batch cannot block the queue forever.
 *
 * <p>Thread-safe: the collector thread appends, the server's sender reads and deletes.
 */
public final class Spool {

  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final Pattern NAME = Pattern.compile("(\\d{12})\\.json\\.gz");
  static final String REJECTED = "rejected";
  static final String DROPPED_FILE = "dropped-total";

  /** The server refuses points older than 7 days; older batches are not worth keeping. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  private final Path dir;
  private final Path rejectedDir;
  private final long maxBytes;
  private final long maxAgeMillis;
  private final int maxRejected;
  private final Clock clock;
  private final TreeMap<Long, Long> sizes = new TreeMap<>();
  private final TreeMap<Long, Long> writtenAt = new TreeMap<>();
  private long bytes;
  private long droppedTotal;
  private long rejectedTotal;

  public Spool(Path dir, long maxBytes, int maxRejected) {
    this(dir, maxBytes, DEFAULT_MAX_AGE, maxRejected, Clock.systemUTC());
  }

  /**
   * @param maxBytes disk budget; the oldest batches go first when it is exceeded
   * @param maxAge batches written longer ago than this are dropped (by file modification time, so
   *     the age survives restarts)
   */
  public Spool(Path dir, long maxBytes, Duration maxAge, int maxRejected, Clock clock) {
    this.dir = dir;
    this.rejectedDir = dir.resolve(REJECTED);
    this.maxBytes = maxBytes;
    this.maxAgeMillis = maxAge.toMillis();
    this.maxRejected = maxRejected;
    this.clock = clock;
    try {
      Files.createDirectories(rejectedDir);
      droppedTotal = readDropped();
      load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open spool " + dir, e);
    }
  }

  public static String fileName(long sequence) {
    return String.format("%012d.json.gz", sequence);
  }

  private void load() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (m.matches()) {
          long size = Files.size(file);
          long sequence = Long.parseLong(m.group(1));
          sizes.put(sequence, size);
          writtenAt.put(sequence, Files.getLastModifiedTime(file).toMillis());
          bytes += size;
        } else if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
          // A write interrupted by a crash: its batch was never acknowledged to anyone.
          Files.deleteIfExists(file);
        }
      }
    }
    if (!sizes.isEmpty()) {
      LOG.info(
          "spool {} holds {} batches ({} bytes) from a previous run", dir, sizes.size(), bytes);
    }
    dropOldestWhileFull();
  }

  private long readDropped() throws IOException {
    Path file = dir.resolve(DROPPED_FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (NumberFormatException e) {
      LOG.warn("unreadable {}; counting dropped batches from 0 again", file);
      return 0;
    }
  }

  private void countDropped(long batches) throws IOException {
    droppedTotal += batches;
    AtomicFiles.write(
        dir.resolve(DROPPED_FILE),
        Long.toString(droppedTotal).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** Stores a batch durably; afterwards it survives a restart until acknowledged. */
  public synchronized void append(long sequence, byte[] gzipJson) throws IOException {
    if (!sizes.isEmpty() && sequence <= sizes.lastKey()) {
      throw new IllegalArgumentException(
          "sequence " + sequence + " is not above the spool's last " + sizes.lastKey());
    }
    AtomicFiles.write(dir.resolve(fileName(sequence)), gzipJson);
    sizes.put(sequence, (long) gzipJson.length);
    writtenAt.put(sequence, clock.millis());
    bytes += gzipJson.length;
    dropOldestWhileFull();
  }

  private void dropOldestWhileFull() throws IOException {
    long expired = 0;
    long cutoff = clock.millis() - maxAgeMillis;
    long first = sizes.isEmpty() ? 0 : sizes.firstKey();
    while (!sizes.isEmpty() && writtenAt.get(sizes.firstKey()) < cutoff) {
      delete(sizes.firstKey());
      expired++;
    }
    if (expired > 0) {
      countDropped(expired);
      LOG.warn(
          "spool {}: dropped {} batches from {} on, older than {} s",
          dir,
          expired,
          first,
          maxAgeMillis / 1000);
    }
    // The newest batch always stays, even if it alone were over the budget.
    while (bytes > maxBytes && sizes.size() > 1) {
      Map.Entry<Long, Long> oldest = sizes.firstEntry();
      delete(oldest.getKey());
      countDropped(1);
      LOG.warn(
          "spool {} is full ({} bytes > {}): dropped the oldest batch {}",
          dir,
          bytes,
          maxBytes,
          oldest.getKey());
    }
  }

  /** The oldest waiting batch, read from disk; empty when the spool is drained. */
  public synchronized Optional<SpooledBatch> oldest() throws IOException {
    while (!sizes.isEmpty()) {
      long sequence = sizes.firstKey();
      try {
        return Optional.of(
            new SpooledBatch(sequence, Files.readAllBytes(dir.resolve(fileName(sequence)))));
      } catch (NoSuchFileException e) {
        LOG.warn("spooled batch {} vanished from {}; skipping it", sequence, dir);
        bytes -= sizes.remove(sequence);
        writtenAt.remove(sequence);
      }
    }
    return Optional.empty();
  }

  /** Deletes every batch up to and including the acknowledged sequence. */
  public synchronized int acknowledge(long ackSequence) throws IOException {
    int deleted = 0;
    while (!sizes.isEmpty() && sizes.firstKey() <= ackSequence) {
      delete(sizes.firstKey());
      deleted++;
    }
    return deleted;
  }

  /** Moves a batch the server will never accept out of the queue, keeping the newest few. */
  public synchronized void reject(long sequence) throws IOException {
    Long size = sizes.remove(sequence);
    if (size == null) {
      return;
    }
    bytes -= size;
    writtenAt.remove(sequence);
    rejectedTotal++;
    Files.move(
        dir.resolve(fileName(sequence)),
        rejectedDir.resolve(fileName(sequence)),
        StandardCopyOption.REPLACE_EXISTING);
    TreeMap<Long, Path> rejected = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(rejectedDir)) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          rejected.put(Long.parseLong(m.group(1)), file);
        }
      }
    }
    while (rejected.size() > maxRejected) {
      Files.deleteIfExists(rejected.pollFirstEntry().getValue());
    }
  }

  private void delete(long sequence) throws IOException {
    Files.deleteIfExists(dir.resolve(fileName(sequence)));
    bytes -= sizes.remove(sequence);
    writtenAt.remove(sequence);
  }

  /** The highest spooled sequence, 0 when empty; used to recover the counter after a crash. */
  public synchronized long highestSequence() {
    return sizes.isEmpty() ? 0 : sizes.lastKey();
  }

  public synchronized SpoolStats stats() {
    return new SpoolStats(sizes.size(), bytes, droppedTotal, rejectedTotal);
  }

  public Path directory() {
    return dir;
  }
}
