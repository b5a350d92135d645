package io.vigil.weblog;

import io.vigil.weblog.parse.HttpMethod;
import io.vigil.weblog.parse.ParsedLine;
import io.vigil.weblog.sketch.QuantileSketch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Exact totals of one run (or of a whole file): lines, malformed lines, requests, bytes, requests
 * per status code and per method, the response-time sketch, and a few 5xx lines as samples. Not
 * thread-safe.
 */
public final class RunTotals {

  /** Response-time sketch size: 2,048 buckets of 2 % span 1 µs to beyond a day. */
  static final int LATENCY_BUCKETS = 2048;

  private long lines;
  private long malformed;
  private long requests;
  private long bytes;
  private final long[] statuses = new long[600];
  private final long[] methods = new long[HttpMethod.count()];
  private final QuantileSketch latency = new QuantileSketch(LATENCY_BUCKETS);
  private final List<String> samples = new ArrayList<>();
  private long earliest = Long.MAX_VALUE;
  private long latest = Long.MIN_VALUE;

  void countLine() {
    lines++;
  }

  void countMalformed() {
    malformed++;
  }

  void count(ParsedLine line) {
    requests++;
    bytes += line.bytes();
    statuses[line.status()]++;
    methods[line.method().ordinal()]++;
    long micros = line.responseMicros();
    if (micros >= 0) {
      latency.add(micros / 1000.0);
    }
  }

  void sample(String line, int max) {
    if (samples.size() < max) {
      samples.add(line);
    }
  }

  void time(long epochSeconds) {
    if (epochSeconds < earliest) {
      earliest = epochSeconds;
    }
    if (epochSeconds > latest) {
      latest = epochSeconds;
    }
  }

  public long lines() {
    return lines;
  }

  public long malformed() {
    return malformed;
  }

  public long requests() {
    return requests;
  }

  public long bytes() {
    return bytes;
  }

  /** Requests answered with {@code code} (100–599). */
  public long status(int code) {
    return code >= 0 && code < statuses.length ? statuses[code] : 0;
  }

  /** Requests of status class {@code digit}xx (1–5). */
  public long statusClass(int digit) {
    long n = 0;
    for (int code = digit * 100; code < digit * 100 + 100; code++) {
      n += statuses[code];
    }
    return n;
  }

  /** The status codes seen, ascending. */
  public List<Integer> codes() {
    List<Integer> codes = new ArrayList<>();
    for (int code = 100; code < statuses.length; code++) {
      if (statuses[code] > 0) {
        codes.add(code);
      }
    }
    return codes;
  }

  public long method(HttpMethod method) {
    return methods[method.ordinal()];
  }

  /** Percent of requests in status class {@code digit}xx; 0 without requests. */
  public double percent(int digit) {
    return requests == 0 ? 0 : 100.0 * statusClass(digit) / requests;
  }

  /** Response times of the requests that had one, in milliseconds. */
  public QuantileSketch latency() {
    return latency;
  }

  /** Up to the configured number of 5xx lines, as read. */
  public List<String> samples() {
    return Collections.unmodifiableList(samples);
  }

  /** The earliest request time seen (epoch seconds), when times were tracked; else MAX_VALUE. */
  public long earliest() {
    return earliest;
  }

  public long latest() {
    return latest;
  }

  /** Adds {@code other} (e.g. another part of the same file). */
  public void merge(RunTotals other) {
    lines += other.lines;
    malformed += other.malformed;
    requests += other.requests;
    bytes += other.bytes;
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] += other.statuses[i];
    }
    for (int i = 0; i < methods.length; i++) {
      methods[i] += other.methods[i];
    }
    latency.merge(other.latency);
    samples.addAll(other.samples);
    earliest = Math.min(earliest, other.earliest);
    latest = Math.max(latest, other.latest);
  }

  /** Back to zero for the next run. */
  public void clear() {
    lines = 0;
    malformed = 0;
    requests = 0;
    bytes = 0;
    java.util.Arrays.fill(statuses, 0);
    java.util.Arrays.fill(methods, 0);
    latency.clear();
    samples.clear();
    earliest = Long.MAX_VALUE;
    latest = Long.MIN_VALUE;
  }
}
