package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 configuration database under writers that each bring new hosts at the same time
 * (a fleet of Telegrafs started together): every request is stored, every host created once. (The
 * scale benchmark once saw such a request fail on an H2 lock timeout under a profiler's load; this
 * test did not reproduce that in two runs without the fix, so it guards the behaviour, not that
 * cause: host creation is now serialised per server, H2 waits up to 10 s for a lock, and a
 * transient database failure answers 503, which writers retry.)
 */
class LineProtocolConcurrentHostsIT {

  @Test
  void fourWritersCreatingThousandsOfHostsAtOnceAreAllStored(@TempDir Path dataDir)
      throws Exception {
    try (VigilServer server = VigilServer.builder().dataDir(dataDir).start()) {
      ApiClient admin = ApiClient.loggedInAdmin(server);
      long group =
          admin.post("/api/v1/host-groups", "{\"name\":\"fleet\"}").json().get("id").asLong();
      String token = LineProtocolITSupport.token(admin, "fleet", group);
      long t = System.currentTimeMillis() / 1000;
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        StringBuilder body = new StringBuilder();
        for (int h = 0; h < 1_500; h++) { // 1,500 hosts × 10 fields: two chunks of new hosts
          body.append("app,host=w").append(w).append("-").append(h).append(' ');
          for (int f = 0; f < 10; f++) {
            body.append(f == 0 ? "" : ",").append('f').append(f).append('=').append(h);
          }
          body.append(' ').append(t).append('\n');
        }
        answers.add(
            pool.submit(
                () ->
                    new ApiClient(server.baseUri())
                        .send(
                            HttpRequest.newBuilder(
                                    server.baseUri().resolve("/write?db=app&precision=s"))
                                .header("Authorization", "Token " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())))
                        .status()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(204);
      }
      pool.shutdown();
      assertThat(admin.get("/api/v1/host-groups/" + group).json().get("hosts").size())
          .isEqualTo(6_000);
    }
  }

  /**
   * The new-host budget counts hosts created, not hosts asked for: four writers naming the same 800
   * new hosts at once use 800 of a budget of 1,000, so all of them are stored; the next 300 new
   * hosts get the 200 left (and what refilled meanwhile, 1,000 a minute) and the rest of the lines
   * are refused, naming the setting.
   */
  @Test
  void theNewHostBudgetIsChargedOnceForHostsSeveralWritersNameAtOnce(@TempDir Path dataDir)
      throws Exception {
    try (VigilServer server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.ilp.max-new-hosts-per-minute", "1000")
            .start()) {
      ApiClient admin = ApiClient.loggedInAdmin(server);
      String token = LineProtocolITSupport.token(admin, "budget", null);
      long t = System.currentTimeMillis() / 1000;
      String same = lines("b", 0, 800, t);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        answers.add(pool.submit(() -> write(server, token, same).status()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).as("every writer's lines stored").isEqualTo(204);
      }
      pool.shutdown();

      ApiClient.Response more = write(server, token, lines("b", 800, 1_100, t));
      assertThat(more.status()).isEqualTo(400);
      assertThat(more.body())
          .contains("partial write")
          .contains("vigil.ilp.max-new-hosts-per-minute");
      long written = more.json().get("written").asLong();
      assertThat(written).as("the 200 left, and a little refill").isBetween(200L, 290L);
      assertThat(more.json().get("refused").asLong()).isEqualTo(300 - written);
      long created =
          LineProtocolIT.keys(admin.get("/api/v1/hosts").json()).stream()
              .filter(k -> k.startsWith("b-"))
              .count();
      assertThat(created).isEqualTo(800 + written);
    }
  }

  private static String lines(String prefix, int from, int to, long t) {
    StringBuilder body = new StringBuilder();
    for (int h = from; h < to; h++) {
      body.append("app,host=").append(prefix).append('-').append(h).append(" v=").append(h);
      body.append(' ').append(t).append('\n');
    }
    return body.toString();
  }

  private static ApiClient.Response write(VigilServer server, String token, String body) {
    return new ApiClient(server.baseUri())
        .send(
            HttpRequest.newBuilder(server.baseUri().resolve("/write?db=app&precision=s"))
                .header("Authorization", "Token " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
