package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every configuration change leaves who, what, when and old → new in the audit log. */
class AuditIT {

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

  static List<JsonNode> entries(String query) {
    ApiClient.Response response = admin.get("/api/v1/audit" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> list = new ArrayList<>();
    response.json().forEach(list::add);
    return list;
  }

  static JsonNode newest(String targetType) {
    return entries("?limit=1000").stream()
        .filter(e -> e.get("targetType").asText().equals(targetType))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theShippedTemplatesAreRecordedAsCreatedByTheSystem() {
    List<JsonNode> all = entries("?limit=1000");
    assertThat(
            all.stream()
                .filter(e -> e.get("actor").asText().equals("system"))
                .map(e -> e.get("target").asText()))
        .contains("Linux server", "Web server", "Database server");
  }

  @Test
  void templateAndItemChangesRecordOldAndNewValues() {
    long before = System.currentTimeMillis();
    ApiClient.Response created =
        admin.post("/api/v1/templates", "{\"name\":\"audited\",\"description\":\"one\"}");
    long id = created.json().get("id").asLong();
    JsonNode create = newest("template");
    assertThat(create.get("action").asText()).isEqualTo("create");
    assertThat(create.get("actor").asText()).isEqualTo("admin");
    assertThat(create.get("target").asText()).isEqualTo("audited");
    assertThat(create.get("old").isNull()).isTrue();
    assertThat(create.get("new").get("description").asText()).isEqualTo("one");
    assertThat(create.get("at").asLong())
        .isBetween(before - 1000, System.currentTimeMillis() + 1000);

    admin.put("/api/v1/templates/" + id, "{\"name\":\"audited\",\"description\":\"two\"}");
    JsonNode update = newest("template");
    assertThat(update.get("action").asText()).isEqualTo("update");
    assertThat(update.get("old").get("description").asText()).isEqualTo("one");
    assertThat(update.get("new").get("description").asText()).isEqualTo("two");

    admin.put(
        "/api/v1/templates/" + id + "/items/db",
        "{\"kind\":\"database\",\"params\":{\"driver\":\"mariadb\",\"password\":\"hunter2\"}}");
    admin.put(
        "/api/v1/templates/" + id + "/items/db",
        "{\"kind\":\"database\",\"intervalSeconds\":120,"
            + "\"params\":{\"driver\":\"mariadb\",\"password\":\"******\"}}");
    JsonNode item = newest("template_item");
    assertThat(item.get("action").asText()).isEqualTo("update");
    assertThat(item.get("target").asText()).isEqualTo("audited/db");
    assertThat(item.get("old").get("intervalSeconds").asInt()).isEqualTo(60);
    assertThat(item.get("new").get("intervalSeconds").asInt()).isEqualTo(120);
    assertThat(item.get("new").get("params").get("password").asText()).isEqualTo("******");
    assertThat(admin.get("/api/v1/audit?limit=1000").body()).doesNotContain("hunter2");

    admin.delete("/api/v1/templates/" + id);
    JsonNode delete = newest("template");
    assertThat(delete.get("action").asText()).isEqualTo("delete");
    assertThat(delete.get("old").get("name").asText()).isEqualTo("audited");
    assertThat(delete.get("old").get("items").get(0).get("params").get("password").asText())
        .isEqualTo("******");
    assertThat(delete.get("new").isNull()).isTrue();
  }

  @Test
  void membershipsLinksAndOverridesAreRecordedAsAttachDetachAndItemChanges() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "aud-1");
    long group =
        admin.post("/api/v1/host-groups", "{\"name\":\"audit group\"}").json().get("id").asLong();
    admin.put("/api/v1/host-groups/" + group + "/hosts/" + agent.hostKey());
    JsonNode attach = newest("host_group");
    assertThat(attach.get("action").asText()).isEqualTo("attach");
    assertThat(attach.get("new").get("host").asText()).isEqualTo(agent.hostKey());
    admin.delete("/api/v1/host-groups/" + group + "/hosts/" + agent.hostKey());
    JsonNode detach = newest("host_group");
    assertThat(detach.get("action").asText()).isEqualTo("detach");
    assertThat(detach.get("old").get("group").asText()).isEqualTo("audit group");

    admin.put("/api/v1/hosts/" + agent.hostKey() + "/items/load", "{\"intervalSeconds\":30}");
    JsonNode override = newest("host_item");
    assertThat(override.get("action").asText()).isEqualTo("create");
    assertThat(override.get("target").asText()).isEqualTo(agent.hostKey() + "/load");
    assertThat(override.get("old").get("intervalSeconds").asInt()).isEqualTo(10);
    assertThat(override.get("new").get("intervalSeconds").asInt()).isEqualTo(30);
    assertThat(override.get("new").get("overridden").asBoolean()).isTrue();
  }

  @Test
  void theLogIsPagedNewestFirst() {
    for (int i = 0; i < 5; i++) {
      admin.post("/api/v1/host-groups", "{\"name\":\"paging " + i + "\"}");
    }
    List<JsonNode> firstPage = entries("?limit=3");
    assertThat(firstPage).hasSize(3);
    assertThat(firstPage.get(0).get("id").asLong())
        .isGreaterThan(firstPage.get(1).get("id").asLong());
    long last = firstPage.get(2).get("id").asLong();
    List<JsonNode> secondPage = entries("?limit=3&before=" + last);
    assertThat(secondPage).hasSize(3);
    assertThat(secondPage).allSatisfy(e -> assertThat(e.get("id").asLong()).isLessThan(last));
    assertThat(admin.get("/api/v1/audit?limit=0").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/audit?limit=abc").status()).isEqualTo(400);
  }
}
