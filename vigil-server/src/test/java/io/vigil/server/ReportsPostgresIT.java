package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The reports' SQL (calendar, schedules, problem history) on a real PostgreSQL server. */
class ReportsPostgresIT {

  @Test
  void calendarSchedulesAndAvailabilityOnPostgreSql(@TempDir Path dataDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    try (VigilServer server =
        VigilServer.builder()
            .dataDir(dataDir)
            .configDatabase(postgres.createDatabase(), postgres.username(), postgres.password())
            .start()) {
      ApiClient admin = ApiClient.loggedInAdmin(server);
      String host =
          ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "pg-report").hostKey();
      ApiClient.Response cal =
          admin.put(
              "/api/v1/reports/calendar",
              "{\"timeZone\":\"Asia/Seoul\",\"days\":[\"MON\",\"FRI\"],\"start\":\"08:30\","
                  + "\"end\":\"17:30\",\"holidays\":[\"2026-12-25\",\"2026-01-01\"]}");
      assertThat(cal.status()).as(cal.body()).isEqualTo(200);
      assertThat(admin.get("/api/v1/reports/calendar").json().get("holidays").toString())
          .isEqualTo("[\"2026-01-01\",\"2026-12-25\"]");

      ApiClient.Response created =
          admin.post(
              "/api/v1/reports/schedules",
              "{\"name\":\"pg\",\"frequency\":\"monthly\",\"hosts\":[\""
                  + host
                  + "\"],\"fields\":[\"cpu.used_pct\"],\"format\":\"csv\","
                  + "\"emails\":[\"a@example.test\",\"b@example.test\"],\"timeZone\":\"UTC\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      long id = created.json().get("id").asLong();
      assertThat(created.json().get("lastPeriodStart").isNull()).isFalse();
      ApiClient.Response updated =
          admin.put(
              "/api/v1/reports/schedules/" + id,
              "{\"name\":\"pg2\",\"frequency\":\"weekly\",\"hosts\":[\""
                  + host
                  + "\"],\"fields\":[],\"format\":\"both\",\"emails\":[\"a@example.test\"],"
                  + "\"language\":\"ko\",\"timeZone\":\"UTC\"}");
      assertThat(updated.status()).as(updated.body()).isEqualTo(200);
      assertThat(updated.json().get("emails").size()).isEqualTo(1);
      // No SMTP configured: send-now reports the failure and records it.
      assertThat(admin.post("/api/v1/reports/schedules/" + id + "/send", "{}").status())
          .isEqualTo(502);
      assertThat(admin.get("/api/v1/reports/schedules/" + id).json().get("lastError").asString())
          .contains("smtp");

      JdbcClient jdbc = server.bean(JdbcClient.class);
      long rule =
          jdbc.sql("SELECT id FROM alert_rules WHERE kind = 'host_down'")
              .query(Long.class)
              .list()
              .getFirst();
      long from = 1_700_000_000_000L;
      jdbc.sql(
              "INSERT INTO problems (rule_id, rule_name, host_key, series, severity, status,"
                  + " opened_at, updated_at, resolved_at, text) VALUES (?, 'Host down', ?, '{}',"
                  + " 'critical', 'resolved', ?, ?, ?, 'down')")
          .params(rule, host, from + 3_600_000L, from, from + 7_200_000L)
          .update();
      JsonNode report =
          admin
              .get(
                  "/api/v1/reports?period=custom&from="
                      + from
                      + "&to="
                      + (from + 4 * 3_600_000L)
                      + "&hosts="
                      + host)
              .json();
      assertThat(report.get("availability").get(0).get("pct").asDouble()).isEqualTo(75.0);
      assertThat(report.get("problems").get(4).get("durationSeconds").asLong()).isEqualTo(3600);
      assertThat(admin.delete("/api/v1/reports/schedules/" + id).status()).isEqualTo(204);
    }
  }
}
