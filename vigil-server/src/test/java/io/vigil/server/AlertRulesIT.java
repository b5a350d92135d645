package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** Alert rules over real HTTP: the shipped defaults, CRUD, validation and who may change them. */
class AlertRulesIT {

  static final String DISK_RULE =
      """
      {"name":"Disk busy","kind":"threshold","scope":{"type":"group","value":"Linux servers"},
       "measurement":"disk","field":"util_pct","tags":{"device":"sda"},
       "conditions":[{"severity":"warning","op":">","value":80,"for":"10m"},
                     {"severity":"major","op":">=","value":95,"for":"5m"}],
       "recovery":{"op":"<","value":70,"for":"2m"}}
      """;

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> names(JsonNode rules) {
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.get("name").stringValue()));
    return names;
  }

  static JsonNode byName(String name) {
    for (JsonNode rule : admin.get("/api/v1/alert-rules").json()) {
      if (rule.get("name").stringValue().equals(name)) {
        return rule;
      }
    }
    return null;
  }

  @Test
  void theDefaultLinuxRulesArePresent() {
    ApiClient.Response list = admin.get("/api/v1/alert-rules");
    assertThat(list.status()).isEqualTo(200);
    assertThat(names(list.json()))
        .contains(
            "CPU busy",
            "Memory low",
            "Swap in use",
            "File system full",
            "File system filling up",
            "Load high",
            "Host down",
            "Check failing");
    JsonNode cpu = byName("CPU busy");
    assertThat(cpu.get("kind").stringValue()).isEqualTo("threshold");
    assertThat(cpu.get("tags").get("cpu").stringValue()).isEqualTo("total");
    assertThat(cpu.get("conditions").get(0).get("severity").stringValue()).isEqualTo("major");
    assertThat(cpu.get("conditions").get(0).get("for").stringValue()).isEqualTo("5m");
    JsonNode forecast = byName("File system filling up");
    assertThat(forecast.get("window").stringValue()).isEqualTo("6h");
    assertThat(forecast.get("horizon").stringValue()).isEqualTo("1d");
    JsonNode checks = byName("Check failing");
    assertThat(checks.get("measurement").stringValue()).isEqualTo("check");
    assertThat(checks.get("conditions").get(0).get("value").asDouble()).isEqualTo(2.0);
  }

  @Test
  void rulesAreCreatedReadChangedAndDeletedWithAnAuditTrail() {
    ApiClient.Response created = admin.post("/api/v1/alert-rules", DISK_RULE);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode rule = created.json();
    long id = rule.get("id").asLong();
    assertThat(rule.get("scope").get("type").stringValue()).isEqualTo("group");
    assertThat(rule.get("conditions").get(0).get("severity").stringValue())
        .as("worst first")
        .isEqualTo("major");
    assertThat(rule.get("recovery").get("for").stringValue()).isEqualTo("2m");
    assertThat(rule.get("flapWindow").stringValue()).isEqualTo("10m");
    assertThat(rule.get("flapMaxChanges").asInt()).isEqualTo(4);

    JsonNode read = admin.get("/api/v1/alert-rules/" + id).json();
    assertThat(read).isEqualTo(rule);

    assertThat(admin.post("/api/v1/alert-rules", DISK_RULE).status())
        .as("names are unique")
        .isEqualTo(409);

    ApiClient.Response changed =
        admin.put(
            "/api/v1/alert-rules/" + id,
            DISK_RULE
                .replace("\"Disk busy\"", "\"Disk very busy\"")
                .replace("\"kind\"", "\"enabled\":false,\"kind\""));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(admin.get("/api/v1/alert-rules/" + id).json().get("name").stringValue())
        .isEqualTo("Disk very busy");
    assertThat(admin.get("/api/v1/alert-rules/" + id).json().get("enabled").asBoolean()).isFalse();
    assertThat(admin.put("/api/v1/alert-rules/999999", DISK_RULE).status()).isEqualTo(404);

    assertThat(admin.delete("/api/v1/alert-rules/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/alert-rules/" + id).status()).isEqualTo(404);
    assertThat(admin.delete("/api/v1/alert-rules/" + id).status()).isEqualTo(404);

    List<String> audited = new ArrayList<>();
    for (JsonNode entry : admin.get("/api/v1/audit").json()) {
      if (entry.get("targetType").stringValue().equals("alert_rule")
          && entry.get("target").stringValue().startsWith("Disk")) {
        audited.add(entry.get("action").stringValue() + " " + entry.get("target").stringValue());
      }
    }
    assertThat(audited)
        .containsExactly("delete Disk very busy", "update Disk very busy", "create Disk busy");
  }

  @Test
  void invalidRulesAre400sNamingTheField() {
    String[][] cases = {
      {"{\"kind\":\"host_down\",\"conditions\":[{\"severity\":\"critical\"}]}", "name"},
      {DISK_RULE.replace("\"threshold\"", "\"sometimes\""), "kind"},
      {DISK_RULE.replace("\"op\":\">=\"", "\"op\":\"=>\""), "conditions[1].op"},
      {DISK_RULE.replace("\"for\":\"10m\"", "\"for\":\"ten minutes\""), "conditions[0].for"},
      {
        DISK_RULE.replace("\"severity\":\"warning\"", "\"severity\":\"bad\""),
        "conditions[0].severity"
      },
      {DISK_RULE.replace("\"value\":80", "\"value\":\"high\""), "conditions[0].value"},
      {DISK_RULE.replace("\"value\":\"Linux servers\"", "\"value\":\"\""), "scope.value"},
      {DISK_RULE.replace("\"util_pct\"", "\"Util%\""), "field"},
      {DISK_RULE.replace("\"recovery\"", "\"colour\":\"red\",\"recovery\""), "colour"},
      {
        "{\"name\":\"fill\",\"kind\":\"forecast\",\"measurement\":\"fs\",\"field\":\"used_pct\","
            + "\"window\":\"6h\",\"conditions\":[{\"severity\":\"major\"}]}",
        "horizon"
      },
      {"[1,2]", "the body"},
    };
    for (String[] c : cases) {
      ApiClient.Response response = admin.post("/api/v1/alert-rules", c[0]);
      assertThat(response.status()).as(c[0]).isEqualTo(400);
      assertThat(response.json().get("message").stringValue()).as(c[0]).startsWith(c[1]);
    }
    assertThat(admin.post("/api/v1/alert-rules", "{not json").status()).isEqualTo(400);
    assertThat(byName("Disk busy")).as("nothing was created").isNull();
  }

  @Test
  void viewersReadRulesButOnlyAdminsAndOperatorsChangeThem() {
    PasswordEncoder encoder = server.bean(PasswordEncoder.class);
    JdbcClient jdbc = server.bean(JdbcClient.class);
    for (String role : List.of("VIEWER", "OPERATOR")) {
      jdbc.sql(
              "INSERT INTO users (username, password_hash, role, enabled, created_at)"
                  + " VALUES (?, ?, ?, TRUE, CURRENT_TIMESTAMP)")
          .params("rules-" + role.toLowerCase(java.util.Locale.ROOT), encoder.encode("pw"), role)
          .update();
    }
    long cpu = byName("CPU busy").get("id").asLong();
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("rules-viewer", "pw").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/alert-rules").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/alert-rules/" + cpu).status()).isEqualTo(200);
    for (ApiClient.Response refused :
        List.of(
            viewer.post("/api/v1/alert-rules", DISK_RULE.replace("Disk busy", "viewer's")),
            viewer.put("/api/v1/alert-rules/" + cpu, DISK_RULE),
            viewer.delete("/api/v1/alert-rules/" + cpu))) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    }
    assertThat(byName("CPU busy")).isNotNull();

    ApiClient operator = new ApiClient(server.baseUri());
    assertThat(operator.login("rules-operator", "pw").status()).isEqualTo(200);
    ApiClient.Response created =
        operator.post("/api/v1/alert-rules", DISK_RULE.replace("Disk busy", "operator's"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(operator.delete("/api/v1/alert-rules/" + created.json().get("id").asLong()).status())
        .isEqualTo(204);
  }

  @Test
  void aDeletedDefaultRuleIsNotSeededAgainAfterARestart(@TempDir Path otherDir) {
    try (VigilServer first = VigilServer.builder().dataDir(otherDir).start()) {
      ApiClient client = ApiClient.loggedInAdmin(first);
      long id = -1;
      for (JsonNode rule : client.get("/api/v1/alert-rules").json()) {
        if (rule.get("name").stringValue().equals("Swap in use")) {
          id = rule.get("id").asLong();
        }
      }
      assertThat(client.delete("/api/v1/alert-rules/" + id).status()).isEqualTo(204);
    }
    try (VigilServer second = VigilServer.builder().dataDir(otherDir).start()) {
      ApiClient client = new ApiClient(second.baseUri());
      List<String> rules =
          second
              .bean(JdbcClient.class)
              .sql("SELECT name FROM alert_rules")
              .query(String.class)
              .list();
      assertThat(rules).contains("CPU busy", "Host down").doesNotContain("Swap in use");
      assertThat(client.get("/api/v1/alert-rules").status()).isEqualTo(401);
    }
  }

  @Test
  void theShippedRulesCanBeLeftOut(@TempDir Path otherDir) {
    try (VigilServer bare =
        VigilServer.builder()
            .dataDir(otherDir)
            .property("vigil.alerting.default-rules", false)
            .start()) {
      assertThat(ApiClient.loggedInAdmin(bare).get("/api/v1/alert-rules").json()).isEmpty();
    }
  }
}
