package io.vigil.server.ingest.push;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.server.auth.IngestPrincipal;
import io.vigil.server.ingest.IngestGate;
import io.vigil.server.ingest.mapping.ForeignSample;
import io.vigil.server.ingest.mapping.SampleMapper;
import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.inventory.HostProvisioning;
import io.vigil.server.web.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;

/**
 * One write request of a push protocol (line protocol, Glances): takes its samples as they are
 * parsed, maps them, and hands them to the store in chunks of about {@value #CHUNK_POINTS} points
 * while parsing goes on (at most {@value #IN_FLIGHT} chunks waiting, so a large body never sits in
 * memory as points). Each sample is accepted or refused on its own, with its line number: no host
 * tag, a timestamp outside the window, a name or value Vigil cannot store, the host's series cap, a
 * host beyond the new-host budget. A host over its points-per-second rate refuses the rest of the
 * request (429): what was handed over before stays stored.
 */
final class PushWriter implements LineProtocolParser.Sink {

  static final int CHUNK_POINTS = 10_000;
  static final int IN_FLIGHT = 2;

  /** A refused line and why. */
  record Refusal(int line, String reason) {}

  /**
   * What became of a request's lines.
   *
   * @param samples samples parsed (lines that were not blank, comments or malformed)
   * @param written samples accepted (stored, or dropped or empty as their mapping says)
   * @param refused lines refused, malformed ones included
   * @param refusals the first refused lines with their reasons, in line order
   * @param tally what the mapping left out
   */
  record Result(
      int samples, int written, int refused, List<Refusal> refusals, SampleMapper.Tally tally) {}

  /** The points of one host in the current chunk, and the line each came from. */
  private static final class HostPart {
    final String hostname;
    final List<Point> points = new ArrayList<>();
    int[] lines = new int[16];

    HostPart(String hostname) {
      this.hostname = hostname;
    }

    void add(Point point, int line) {
      if (points.size() == lines.length) {
        lines = Arrays.copyOf(lines, lines.length * 2);
      }
      lines[points.size()] = line;
      points.add(point);
    }
  }

  /** A chunk handed to the store, and the lines it holds. */
  private record Pending(CompletableFuture<Void> written, int[] lines) {}

  private final PushIngest ingest;
  private final SampleMapper mapper;
  private final List<String> hostTags;
  private final IngestPrincipal writer;
  private final IngestGate.TimestampWindow window;
  private final int listed;
  private final SampleMapper.Tally tally = new SampleMapper.Tally();
  private final List<Point> mapped = new ArrayList<>(16);
  private final Map<String, HostPart> chunk = new LinkedHashMap<>();
  private final Deque<Pending> inFlight = new ArrayDeque<>();
  private final BitSet refused = new BitSet();
  private final TreeMap<Integer, String> reasons = new TreeMap<>();
  private int chunkPoints;
  private int samples;
  private int refusedSamples;

  PushWriter(
      PushIngest ingest,
      SampleMapper mapper,
      List<String> hostTags,
      IngestPrincipal writer,
      IngestGate.TimestampWindow window,
      int listed) {
    this.ingest = ingest;
    this.mapper = mapper;
    this.hostTags = hostTags;
    this.writer = writer;
    this.window = window;
    this.listed = listed;
  }

  /** A line-protocol sample: its host is the first of the host tags it carries. */
  @Override
  public void sample(int line, ForeignSample sample) {
    String hostname = null;
    for (String tag : hostTags) {
      hostname = sample.tags().get(tag);
      if (hostname != null) {
        sample.tags().remove(tag); // the parser's own map: the host tag becomes Vigil's host
        break;
      }
    }
    if (hostname == null) {
      samples++;
      refuseSample(line, "no host: the line has no tag " + String.join(" or ", hostTags));
      return;
    }
    accept(line, hostname, sample);
  }

  /** A sample of a known host (Glances' RESTful exporter names it once per request). */
  void accept(int line, String hostname, ForeignSample sample) {
    samples++;
    String key = HostProvisioning.keyFor(hostname);
    if (key == null) {
      refuseSample(line, "the host name " + quote(hostname) + " has no letter or digit");
      return;
    }
    if (!window.accepts(sample.timestamp())) {
      refuseSample(
          line,
          "timestamp "
              + java.time.Instant.ofEpochMilli(sample.timestamp())
              + " is outside the accepted window (vigil.ingest.max-age, max-future; check the"
              + " precision parameter)");
      return;
    }
    mapped.clear();
    try {
      mapper.map(key, sample, mapped, tally);
    } catch (InvalidInputException e) {
      refuseSample(line, e.getMessage());
      return;
    }
    if (mapped.isEmpty()) {
      return;
    }
    HostPart part = chunk.computeIfAbsent(key, k -> new HostPart(hostname));
    for (Point point : mapped) {
      part.add(point, line);
    }
    chunkPoints += mapped.size();
    if (chunkPoints >= CHUNK_POINTS) {
      flush();
    }
  }

  @Override
  public void refuse(int line, String reason) {
    if (!refused.get(line)) {
      refused.set(line);
      if (reasons.size() < listed || line < reasons.lastKey()) {
        reasons.put(line, reason);
        if (reasons.size() > listed) {
          reasons.pollLastEntry();
        }
      }
    }
  }

  private void refuseSample(int line, String reason) {
    if (!refused.get(line)) {
      refusedSamples++;
    }
    refuse(line, reason);
  }

  /** Hands the current chunk to the store: hosts found or created, series and rate admitted. */
  private void flush() {
    if (chunk.isEmpty()) {
      return;
    }
    Map<String, HostPart> parts = new LinkedHashMap<>(chunk);
    chunk.clear();
    chunkPoints = 0;
    provisionHosts(parts);
    Map<String, List<Point>> admitted = new LinkedHashMap<>();
    List<int[]> admittedLines = new ArrayList<>();
    int size = 0;
    for (Map.Entry<String, HostPart> host : parts.entrySet()) {
      HostPart part = host.getValue();
      try {
        ingest.gate().admitSeries(host.getKey(), part.points);
      } catch (ApiException e) {
        refuseLines(part.lines, part.points.size(), e.getMessage());
        continue;
      }
      ingest.gate().admitRate(host.getKey(), part.points.size()); // 429 ends the request
      admitted.put(host.getKey(), part.points);
      admittedLines.add(Arrays.copyOf(part.lines, part.points.size()));
      size += part.points.size();
    }
    if (admitted.isEmpty()) {
      return;
    }
    int[] lines = new int[size];
    int at = 0;
    for (int[] hostLines : admittedLines) {
      System.arraycopy(hostLines, 0, lines, at, hostLines.length);
      at += hostLines.length;
    }
    if (inFlight.size() >= IN_FLIGHT) {
      await(inFlight.removeFirst());
    }
    inFlight.addLast(new Pending(ingest.gate().submitAll(admitted), lines));
  }

  /** Finds or creates the chunk's hosts; the lines of hosts beyond the new-host budget go. */
  private void provisionHosts(Map<String, HostPart> parts) {
    Map<String, HostDirectory.HostRef> found = ingest.hosts().find(parts.keySet());
    if (found.size() == parts.size()) {
      return;
    }
    Map<String, String> missing = new LinkedHashMap<>();
    parts.forEach(
        (key, part) -> {
          if (!found.containsKey(key)) {
            missing.put(key, part.hostname);
          }
        });
    // The budget is asked inside the creation, for the hosts no other request created meanwhile.
    Map<String, HostDirectory.HostRef> created =
        ingest
            .hosts()
            .create(
                missing,
                writer.groupId(),
                ingest.properties().hostGroup(),
                wanted -> ingest.newHosts().take(wanted));
    for (String key : missing.keySet()) {
      if (!created.containsKey(key)) {
        HostPart part = parts.remove(key);
        refuseLines(
            part.lines,
            part.points.size(),
            "host "
                + key
                + " is new and writers created "
                + ingest.properties().maxNewHostsPerMinute()
                + " hosts in the last minute (vigil.ilp.max-new-hosts-per-minute); send it again"
                + " later");
      }
    }
  }

  private void refuseLines(int[] lines, int count, String reason) {
    for (int i = 0; i < count; i++) {
      if (i == 0 || lines[i] != lines[i - 1]) {
        refuseSample(lines[i], reason);
      }
    }
  }

  private void await(Pending pending) {
    try {
      ingest.gate().awaitDurable(pending.written());
    } catch (ApiException e) {
      if (e.status() != HttpStatus.BAD_REQUEST) {
        throw e;
      }
      // The store refused the chunk's points (a clash with a column stored before a restart):
      // its lines are refused, the other chunks stand.
      int[] lines = pending.lines().clone();
      Arrays.sort(lines);
      refuseLines(lines, lines.length, e.getMessage());
    }
  }

  /** Hands over what is left and waits until everything accepted is durable. */
  Result finish() {
    flush();
    while (!inFlight.isEmpty()) {
      await(inFlight.removeFirst());
    }
    List<Refusal> refusals = new ArrayList<>(reasons.size());
    reasons.forEach((line, reason) -> refusals.add(new Refusal(line, reason)));
    return new Result(samples, samples - refusedSamples, refused.cardinality(), refusals, tally);
  }

  private static String quote(String text) {
    return '"' + (text.length() > 70 ? text.substring(0, 70) + "…" : text) + '"';
  }
}
