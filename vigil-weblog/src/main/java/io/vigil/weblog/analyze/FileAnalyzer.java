package io.vigil.weblog.analyze;

import io.vigil.weblog.TrafficAggregator;
import io.vigil.weblog.parse.LogFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a whole access log with the agent's parser and aggregator: the file is split into one part
 * per thread at line boundaries, each part is read with positional reads into its own buffer (no
 * memory mapping, so the page cache does not count as the process's memory) and aggregated on its
 * own, then the parts' totals and sketches are merged.
 */
final class FileAnalyzer {

  /** Read buffer per thread; a longer line is cut and counted as malformed. */
  static final int BUFFER_BYTES = 1 << 20;

  /** Parts are at least this large, so a small file is read by one thread. */
  static final long MIN_PART_BYTES = 4L << 20;

  private FileAnalyzer() {}

  /** Parses {@code file} on up to {@code threads} threads; returns the merged aggregate. */
  static TrafficAggregator analyze(
      Path file, LogFormat format, TrafficAggregator.Settings settings, int threads)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      List<long[]> parts = split(channel, threads);
      if (parts.size() == 1) {
        TrafficAggregator aggregator = new TrafficAggregator(format, settings);
        read(channel, parts.get(0)[0], parts.get(0)[1], aggregator);
        return aggregator;
      }
      ExecutorService pool = Executors.newFixedThreadPool(parts.size());
      try {
        List<Future<TrafficAggregator>> results = new ArrayList<>();
        for (long[] part : parts) {
          results.add(
              pool.submit(
                  () -> {
                    TrafficAggregator aggregator = new TrafficAggregator(format, settings);
                    read(channel, part[0], part[1], aggregator);
                    return aggregator;
                  }));
        }
        TrafficAggregator merged = results.get(0).get();
        for (int i = 1; i < results.size(); i++) {
          merged.merge(results.get(i).get());
        }
        return merged;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException("analysis failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** [start, end) byte ranges, each starting at a line start. */
  static List<long[]> split(FileChannel channel, int threads) throws IOException {
    long size = channel.size();
    int n = (int) Math.max(1, Math.min(threads, size / MIN_PART_BYTES));
    List<long[]> parts = new ArrayList<>();
    long start = 0;
    for (int i = 1; i <= n && start < size; i++) {
      long end = i == n ? size : lineStartAfter(channel, size * i / n);
      if (end > start) {
        parts.add(new long[] {start, end});
      }
      start = end;
    }
    if (parts.isEmpty()) {
      parts.add(new long[] {0, size});
    }
    return parts;
  }

  /** The position after the first newline at or after {@code from} (or the end of the file). */
  private static long lineStartAfter(FileChannel channel, long from) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    long pos = from;
    while (true) {
      buf.clear();
      int n = channel.read(buf, pos);
      if (n <= 0) {
        return channel.size();
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
  }

  /** Feeds every line of {@code [start, end)} to the aggregator. */
  static void read(FileChannel channel, long start, long end, TrafficAggregator aggregator)
      throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    ByteBuffer wrap = ByteBuffer.wrap(buf);
    long pos = start;
    int have = 0; // bytes in buf from index 0
    boolean skipping = false; // inside a line longer than the buffer, already reported
    while (pos < end || have > 0) {
      int room = buf.length - have;
      int n = 0;
      if (pos < end && room > 0) {
        wrap.limit(have + (int) Math.min(room, end - pos)).position(have);
        n = channel.read(wrap, pos);
        if (n < 0) {
          n = 0;
          pos = end; // the file shrank
        }
        pos += n;
        have += n;
      }
      boolean atEnd = pos >= end;
      int lineStart = 0;
      for (int i = 0; i < have; i++) {
        if (buf[i] == '\n') {
          if (!skipping) {
            aggregator.accept(buf, lineStart, trimCr(buf, lineStart, i), false);
          }
          skipping = false;
          lineStart = i + 1;
        }
      }
      if (lineStart == 0 && have == buf.length) {
        // no newline in a full buffer: report the line once as cut, skip to its end
        if (!skipping) {
          aggregator.accept(buf, 0, have, true);
        }
        skipping = true;
        have = 0;
        continue;
      }
      if (atEnd) {
        if (lineStart < have && !skipping) {
          aggregator.accept(buf, lineStart, trimCr(buf, lineStart, have), false);
        }
        return;
      }
      System.arraycopy(buf, lineStart, buf, 0, have - lineStart);
      have -= lineStart;
    }
  }

  private static int trimCr(byte[] buf, int start, int end) {
    return end > start && buf[end - 1] == '\r' ? end - 1 : end;
  }
}
