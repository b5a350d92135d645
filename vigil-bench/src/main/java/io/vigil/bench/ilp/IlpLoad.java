package io.vigil.bench.ilp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reproducible InfluxDB line-protocol data set to a server's {@code /write} with parallel
 * senders and reports samples per second: {@code --hosts} hosts × {@code --fields} fields × {@code
 * --timestamps} timestamps (10 s apart, ending a minute ago), one line per host and timestamp,
 * {@code --lines} lines per gzip request, in timestamp order as a fleet of Telegrafs flushes them.
 * The bodies are built before the clock starts. Works against anything that takes InfluxDB 1 writes
 * (Vigil, VictoriaMetrics, InfluxDB).
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.ilp.IlpLoad --url 'http://127.0.0.1:8080/write?db=bench&amp;precision=s' \
 *   --token vgl_i_... --hosts 10000 --fields 20 --timestamps 30 --senders 4 --lines 5000
 * </pre>
 */
public final class IlpLoad {

  private static final Logger LOG;

  static {
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    LOG = LoggerFactory.getLogger(IlpLoad.class);
  }

  private IlpLoad() {}

  /** What one run measured. */
  public record Result(
      long samples,
      int requests,
      Map<Integer, Integer> statuses,
      long bodyBytes,
      Duration elapsed) {
    public double samplesPerSecond() {
      return samples / (elapsed.toNanos() / 1e9);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = options(args);
    URI url =
        URI.create(options.getOrDefault("url", "http://127.0.0.1:8080/write?db=bench&precision=s"));
    if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
      throw new IllegalArgumentException("loopback only: " + url);
    }
    int hosts = Integer.parseInt(options.getOrDefault("hosts", "10000"));
    int fields = Integer.parseInt(options.getOrDefault("fields", "20"));
    int timestamps = Integer.parseInt(options.getOrDefault("timestamps", "30"));
    int senders = Integer.parseInt(options.getOrDefault("senders", "4"));
    int lines = Integer.parseInt(options.getOrDefault("lines", "5000"));
    String token = options.get("token");
    long end = System.currentTimeMillis() / 1000 - 60;
    List<byte[]> bodies = bodies(hosts, fields, timestamps, lines, end);
    long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum();
    LOG.info(
        "{} requests of {} lines ({} MB gzip) to {}",
        bodies.size(),
        lines,
        bodyBytes / (1024 * 1024),
        url);
    Result result = send(url, token, bodies, senders, (long) hosts * fields * timestamps);
    LOG.info(
        String.format(
            Locale.ROOT,
            "%,d samples in %,d lines, %d requests %s, %.1f s: %,.0f samples/s",
            result.samples(),
            (long) hosts * timestamps,
            result.requests(),
            result.statuses(),
            result.elapsed().toMillis() / 1000.0,
            result.samplesPerSecond()));
  }

  /** The data set as gzip request bodies, deterministic for the same arguments. */
  public static List<byte[]> bodies(
      int hosts, int fields, int timestamps, int linesPerBody, long end) {
    return bodies("bench", "h", hosts, fields, timestamps, linesPerBody, end);
  }

  /**
   * The data set of {@code measurement} for hosts named {@code hostPrefix} + number (a warm-up uses
   * other names than the measured run).
   */
  public static List<byte[]> bodies(
      String measurement,
      String hostPrefix,
      int hosts,
      int fields,
      int timestamps,
      int linesPerBody,
      long end) {
    SplittableRandom random = new SplittableRandom(42);
    List<byte[]> bodies = new ArrayList<>();
    StringBuilder text = new StringBuilder(linesPerBody * (fields * 12 + 40));
    int inBody = 0;
    for (int t = 0; t < timestamps; t++) {
      long ts = end - (timestamps - 1 - t) * 10L;
      for (int h = 0; h < hosts; h++) {
        text.append(measurement).append(",host=").append(hostPrefix).append(h).append(' ');
        for (int f = 0; f < fields; f++) {
          if (f > 0) {
            text.append(',');
          }
          text.append('f').append(f).append('=');
          text.append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 100));
        }
        text.append(' ').append(ts).append('\n');
        if (++inBody == linesPerBody) {
          bodies.add(gzip(text));
          text.setLength(0);
          inBody = 0;
        }
      }
    }
    if (inBody > 0) {
      bodies.add(gzip(text));
    }
    return bodies;
  }

  public static Result send(URI url, String token, List<byte[]> bodies, int senders, long samples)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    try (HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build()) {
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      for (int s = 0; s < senders; s++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      int i;
                      while ((i = next.getAndIncrement()) < bodies.size()) {
                        byte[] body = bodies.get(i);
                        HttpRequest.Builder request =
                            HttpRequest.newBuilder(url)
                                .timeout(Duration.ofMinutes(2))
                                .header("Content-Encoding", "gzip")
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        if (token != null) {
                          request.header("Authorization", "Token " + token);
                        }
                        int status = post(client, request.build());
                        statuses.merge(status, 1, Integer::sum);
                        bytes.addAndGet(body.length);
                      }
                    }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      return new Result(
          samples,
          bodies.size(),
          Map.copyOf(statuses),
          bytes.get(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static int post(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        LOG.warn("{}: {}", response.statusCode(), response.body());
      }
      return response.statusCode();
    } catch (IOException e) {
      LOG.warn("request failed: {}", e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -2;
    }
  }

  private static byte[] gzip(StringBuilder text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4);
    try (GZIPOutputStream out = new GZIPOutputStream(bytes, 65536)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
