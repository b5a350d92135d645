package io.vigil.bench.live;

import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Time from an agent's push to the browser's live event: a session subscribes to the SSE stream of
 * one host, an agent pushes one batch every half second, and each batch's arrival on the stream is
 * timed from the start of its POST.
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.live.LiveLatencyBench \
 *   --server http://127.0.0.1:8080 --enrol-token vgl_e_… --password ADMIN_PASSWORD [--batches 100]
 * </pre>
 */
public final class LiveLatencyBench {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    URI server = URI.create(options.getOrDefault("server", "http://127.0.0.1:8080"));
    int batches = Integer.parseInt(options.getOrDefault("batches", "100"));
    WireCodec codec = WireCodec.lenient();
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    Enrolment.Response agent =
        codec.read(
            send(
                    http,
                    json(server.resolve("/api/v1/agent/enrol"))
                        .POST(
                            HttpRequest.BodyPublishers.ofByteArray(
                                codec.write(
                                    new Enrolment.Request(
                                        options.get("enrol-token"),
                                        "live-bench",
                                        UUID.randomUUID().toString())))))
                .getBytes(StandardCharsets.UTF_8),
            Enrolment.Response.class);
    send(
        http,
        json(server.resolve("/api/v1/auth/login"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"admin\",\"password\":\"" + options.get("password") + "\"}")));

    Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                HttpResponse<Stream<String>> stream =
                    http.send(
                        HttpRequest.newBuilder(
                                server.resolve("/api/v1/stream?host=" + agent.hostKey()))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofLines());
                stream
                    .body()
                    .filter(line -> line.startsWith("data:") && line.contains("\"seq\""))
                    .forEach(line -> arrivals.put(sequenceIn(line), System.nanoTime()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(1000);

    long[] sentAt = new long[batches + 1];
    for (int seq = 1; seq <= batches; seq++) {
      long now = System.currentTimeMillis();
      Point point = new Point("live", Map.of(), Map.of("seq", (double) seq), now);
      sentAt[seq] = System.nanoTime();
      send(
          http,
          json(server.resolve("/api/v1/agent/ingest"))
              .header("Authorization", "Bearer " + agent.agentToken())
              .header("Content-Encoding", "gzip")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      codec.writeGzip(new Batch(seq, now, null, List.of(point))))));
      Thread.sleep(500);
    }
    Thread.sleep(2000);
    long[] millis = new long[batches];
    int received = 0;
    for (int seq = 1; seq <= batches; seq++) {
      Long arrived = arrivals.get((long) seq);
      if (arrived != null) {
        millis[received++] = (arrived - sentAt[seq]) / 1_000_000;
      }
    }
    long[] got = Arrays.copyOf(millis, received);
    Arrays.sort(got);
    System.out.printf(
        "| push → live event | batches sent | received | p50 ms | p99 ms | max ms |%n"
            + "|---|---|---|---|---|---|%n| one host, one batch every 0.5 s | %d | %d | %d | %d | %d |%n",
        batches,
        received,
        got[got.length / 2],
        got[Math.min(got.length - 1, (int) Math.ceil(got.length * 0.99) - 1)],
        got[got.length - 1]);
    System.exit(0);
  }

  private static long sequenceIn(String line) {
    int at = line.indexOf("\"seq\":") + 6;
    int end = at;
    while (end < line.length()
        && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '.')) {
      end++;
    }
    return (long) Double.parseDouble(line.substring(at, end));
  }

  private static HttpRequest.Builder json(URI uri) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
  }

  private static String send(HttpClient http, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
