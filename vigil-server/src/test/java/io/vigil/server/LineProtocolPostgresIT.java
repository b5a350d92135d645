package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.testkit.PostgresServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest tokens and the hosts writers create, on a PostgreSQL configuration database: four writers
 * naming the same 200 new hosts at once create each exactly once (the concurrent creators find the
 * others' rows), all in the token's group; a revoked token is refused.
 */
class LineProtocolPostgresIT {

  @Test
  void concurrentWritersCreateEachNewHostOnceOnPostgreSql(@TempDir Path dataDir) throws Exception {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    try (VigilServer server =
        VigilServer.builder()
            .dataDir(dataDir)
            .configDatabase(database, postgres.username(), postgres.password())
            .start()) {
      ApiClient admin = ApiClient.loggedInAdmin(server);
      long group =
          admin.post("/api/v1/host-groups", "{\"name\":\"pg pushed\"}").json().get("id").asLong();
      String token = LineProtocolITSupport.token(admin, "pg", group);
      long t = System.currentTimeMillis() / 1000;
      StringBuilder body = new StringBuilder();
      for (int h = 0; h < 200; h++) {
        body.append("app,host=pg-")
            .append(h)
            .append(" v=")
            .append(h)
            .append(' ')
            .append(t)
            .append('\n');
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Callable<Integer> write =
            () ->
                new ApiClient(server.baseUri())
                    .send(
                        HttpRequest.newBuilder(
                                server.baseUri().resolve("/write?db=app&precision=s"))
                            .header("Authorization", "Token " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())))
                    .status();
        answers.add(pool.submit(write));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(204);
      }
      pool.shutdown();
      List<String> members = new ArrayList<>();
      admin
          .get("/api/v1/host-groups/" + group)
          .json()
          .get("hosts")
          .forEach(h -> members.add(h.asText()));
      assertThat(members).hasSize(200).doesNotHaveDuplicates().contains("pg-0", "pg-199");
      long pgHosts =
          LineProtocolIT.keys(admin.get("/api/v1/hosts").json()).stream()
              .filter(k -> k.startsWith("pg-"))
              .count();
      assertThat(pgHosts).isEqualTo(200);

      long id = admin.get("/api/v1/ingest-tokens").json().get(0).get("id").asLong();
      assertThat(admin.delete("/api/v1/ingest-tokens/" + id).status()).isEqualTo(200);
      ApiClient.Response refused =
          new ApiClient(server.baseUri())
              .send(
                  HttpRequest.newBuilder(server.baseUri().resolve("/write?db=app"))
                      .header("Authorization", "Token " + token)
                      .POST(HttpRequest.BodyPublishers.ofString("app,host=pg-0 v=1\n")));
      assertThat(refused.status()).isEqualTo(401);
    }
  }
}
