package io.vigil.server.testing;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A subscription to the server's live stream (Server-Sent Events) as a browser holds it: its lines
 * are collected on a virtual thread as they arrive. Closing stops reading.
 */
public final class LiveStream implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private LiveStream(ApiClient client, String path) {
    reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    HttpResponse<Stream<String>> response =
                        client
                            .client()
                            .send(
                                client.request(path).GET().build(),
                                HttpResponse.BodyHandlers.ofLines());
                    response.body().forEach(lines::add);
                  } catch (Exception e) {
                    lines.add("failed: " + e);
                  }
                });
  }

  /**
   * Subscribes with {@code client}'s session to {@code path}, e.g. {@code /api/v1/stream?host=x},
   * and returns once the server confirmed the subscription with its {@code :connected} comment.
   */
  public static LiveStream open(ApiClient client, String path) {
    LiveStream stream = new LiveStream(client, path);
    await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.contains(":connected"));
    return stream;
  }

  /** The lines received so far, growing while the stream is open; {@code failed: ...} on error. */
  public List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    reader.interrupt();
  }
}
