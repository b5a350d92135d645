package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Effective configuration on a PostgreSQL configuration database, and the shipped templates across
 * a restart: an operator's edits and deletions survive, nothing is seeded twice.
 */
class ItemsPostgresIT {

  @Test
  void effectiveConfigAndShippedTemplatesOnPostgreSql(@TempDir Path dataDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    ProtocolAgent agent;
    try (VigilServer server = start(dataDir, postgres, database)) {
      ApiClient admin = new ApiClient(server.baseUri());
      admin.login("admin", server.generatedAdminPassword().orElseThrow());
      agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "pg-items");
      long before = ack(agent, 1);

      long group =
          admin.post("/api/v1/host-groups", "{\"name\":\"pg group\"}").json().get("id").asLong();
      long template =
          admin.post("/api/v1/templates", "{\"name\":\"pg template\"}").json().get("id").asLong();
      ApiClient.Response item =
          admin.put(
              "/api/v1/templates/" + template + "/items/pg_login",
              "{\"kind\":\"database\",\"intervalSeconds\":45,\"params\":{\"driver\":\"postgresql\","
                  + "\"password\":\"pg-secret\"}}");
      assertThat(item.status()).as(item.body()).isEqualTo(200);
      assertThat(admin.put("/api/v1/host-groups/" + group + "/templates/" + template).status())
          .isEqualTo(204);
      assertThat(ack(agent, 2)).as("not a member yet").isEqualTo(before);
      assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/" + agent.hostKey()).status())
          .isEqualTo(204);
      assertThat(
              admin
                  .put(
                      "/api/v1/hosts/" + agent.hostKey() + "/items/pg_login", "{\"enabled\":false}")
                  .status())
          .isEqualTo(200);
      long after = ack(agent, 3);
      assertThat(after).isGreaterThanOrEqualTo(before + 2);

      JsonNode config = config(agent);
      assertThat(config.get("version").asLong()).isEqualTo(after);
      JsonNode login = config.get("items").get("pg_login");
      assertThat(login.get("intervalSeconds").asInt()).isEqualTo(45);
      assertThat(login.get("enabled").asBoolean()).isFalse();
      assertThat(login.get("params").get("password").asText()).isEqualTo("pg-secret");
      assertThat(config.get("items").get("cpu").get("enabled").asBoolean()).isTrue();

      long webServerId = templateId(admin, "Web server");
      assertThat(admin.delete("/api/v1/templates/" + webServerId).status()).isEqualTo(204);
      long databaseServer = templateId(admin, "Database server");
      assertThat(
              admin
                  .put(
                      "/api/v1/templates/" + databaseServer,
                      "{\"name\":\"Database server\",\"description\":\"ours now\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              admin.delete("/api/v1/templates/" + databaseServer + "/items/postgres_port").status())
          .isEqualTo(204);
    }

    try (VigilServer restarted = start(dataDir, postgres, database)) {
      assertThat(restarted.generatedAdminPassword()).isEmpty();
      JdbcClient jdbc = restarted.bean(JdbcClient.class);
      assertThat(jdbc.sql("SELECT name FROM templates ORDER BY name").query(String.class).list())
          .as("the deleted Web server is not re-created")
          .containsExactly("Database server", "Linux server", "pg template");
      assertThat(
              jdbc.sql("SELECT description FROM templates WHERE name = 'Database server'")
                  .query(String.class)
                  .single())
          .as("the edited Database server is not overwritten")
          .isEqualTo("ours now");
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM template_items i JOIN templates t"
                          + " ON t.id = i.template_id WHERE t.name = 'Database server'")
                  .query(Long.class)
                  .single())
          .isEqualTo(2);
      ProtocolAgent again = agent.reconnect(restarted.baseUri());
      assertThat(config(again).get("items").get("pg_login").get("params").get("password").asText())
          .as("the generated secrets key is reused after a restart")
          .isEqualTo("pg-secret");
    }
  }

  private static VigilServer start(Path dataDir, PostgresServer postgres, String database) {
    return VigilServer.builder()
        .dataDir(dataDir)
        .configDatabase(database, postgres.username(), postgres.password())
        .start();
  }

  private static long ack(ProtocolAgent agent, long sequence) {
    ApiClient.Response ack = agent.send(sequence, List.of());
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    return ack.json().get("configVersion").asLong();
  }

  private static JsonNode config(ProtocolAgent agent) {
    ApiClient.Response response = agent.client().get("/api/v1/agent/config");
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private static long templateId(ApiClient admin, String name) {
    for (JsonNode t : admin.get("/api/v1/templates").json()) {
      if (t.get("name").asText().equals(name)) {
        return t.get("id").asLong();
      }
    }
    throw new AssertionError("no template " + name);
  }
}
