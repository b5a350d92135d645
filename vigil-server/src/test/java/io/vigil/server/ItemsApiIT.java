package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** Templates, items, groups and host overrides over real HTTP, down to what agents receive. */
class ItemsApiIT {

  static final List<String> COLLECTORS =
      List.of("cpu", "load", "mem", "swap", "fs", "disk", "net", "tcp", "system", "proc", "agent");

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static final AtomicLong sequence = new AtomicLong();

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ProtocolAgent agent(String name) {
    return ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), name);
  }

  /** The config version the next ingest acknowledgement carries for this agent. */
  static long ackedVersion(ProtocolAgent agent) {
    ApiClient.Response ack = agent.send(sequence.incrementAndGet(), List.of());
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    return ack.json().get("configVersion").asLong();
  }

  static JsonNode agentConfig(ProtocolAgent agent) {
    ApiClient.Response response = agent.client().get("/api/v1/agent/config");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  static long createTemplate(String name) {
    ApiClient.Response created =
        admin.post("/api/v1/templates", "{\"name\":\"" + name + "\",\"description\":\"test\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  static ApiClient.Response putItem(long template, String key, String json) {
    return admin.put("/api/v1/templates/" + template + "/items/" + key, json);
  }

  static JsonNode hostItem(String hostKey, String key) {
    ApiClient.Response items = admin.get("/api/v1/hosts/" + hostKey + "/items");
    assertThat(items.status()).as(items.body()).isEqualTo(200);
    for (JsonNode item : items.json().get("items")) {
      if (item.get("key").asText().equals(key)) {
        return item;
      }
    }
    return null;
  }

  static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.get(field).asText().equals(value)) {
        return node;
      }
    }
    return null;
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out;
  }

  @Test
  void shippedTemplatesExistAndEveryEnrolledHostGetsTheLinuxServerTemplate() {
    JsonNode templates = admin.get("/api/v1/templates").json();
    assertThat(texts(templates, "name")).contains("Linux server", "Web server", "Database server");
    JsonNode linux = find(templates, "name", "Linux server");
    assertThat(linux.get("builtin").asBoolean()).isTrue();
    assertThat(linux.get("itemCount").asInt()).isEqualTo(11);
    assertThat(texts(linux.get("groups"), "name")).containsExactly("Linux servers");
    JsonNode database =
        admin
            .get("/api/v1/templates/" + find(templates, "name", "Database server").get("id"))
            .json();
    assertThat(find(database.get("items"), "key", "postgres_query").get("enabled").asBoolean())
        .as("the database check waits for credentials")
        .isFalse();

    ProtocolAgent agent = agent("shipped-1");
    JsonNode group = find(admin.get("/api/v1/host-groups").json(), "name", "Linux servers");
    assertThat(texts(group.get("hosts"), null)).contains(agent.hostKey());

    JsonNode config = agentConfig(agent);
    for (String collector : COLLECTORS) {
      JsonNode item = config.get("items").get(collector);
      assertThat(item).as(collector).isNotNull();
      assertThat(item.get("enabled").asBoolean()).as(collector).isTrue();
      assertThat(item.get("intervalSeconds").asInt()).as(collector).isEqualTo(10);
    }
    JsonNode cpu = hostItem(agent.hostKey(), "cpu");
    assertThat(cpu.get("source").asText()).isEqualTo("template");
    assertThat(cpu.get("templateName").asText()).isEqualTo("Linux server");
    assertThat(cpu.get("runsOn").asText()).isEqualTo("agent");
  }

  @Test
  void templatesAreCreatedRenamedAndDeletedWithConflictsAndNotFound() {
    long id = createTemplate("crud template");
    assertThat(
            admin
                .post("/api/v1/templates", "{\"name\":\"crud template\"}")
                .json()
                .get("error")
                .asText())
        .isEqualTo("conflict");
    assertThat(admin.post("/api/v1/templates", "{\"name\":\"crud template\"}").status())
        .isEqualTo(409);

    ApiClient.Response renamed =
        admin.put("/api/v1/templates/" + id, "{\"name\":\"crud renamed\",\"description\":\"d\"}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().get("name").asText()).isEqualTo("crud renamed");
    assertThat(admin.get("/api/v1/templates/" + id).json().get("description").asText())
        .isEqualTo("d");
    assertThat(admin.put("/api/v1/templates/" + id, "{\"name\":\"Linux server\"}").status())
        .isEqualTo(409);

    ApiClient.Response tooLong =
        admin.post("/api/v1/templates", "{\"name\":\"" + "x".repeat(101) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("message").asText()).contains("name");
    assertThat(admin.post("/api/v1/templates", "{\"description\":\"no name\"}").status())
        .isEqualTo(400);

    assertThat(admin.delete("/api/v1/templates/" + id).status()).isEqualTo(204);
    ApiClient.Response gone = admin.get("/api/v1/templates/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("error").asText()).isEqualTo("not_found");
    assertThat(admin.delete("/api/v1/templates/" + id).status()).isEqualTo(404);
    assertThat(admin.put("/api/v1/hosts/no-such-host/templates/1").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/hosts/no-such-host/items").status()).isEqualTo(404);
  }

  @Test
  void itemParamsAreValidatedAgainstTheCatalogWithMessagesNamingTheParam() {
    long id = createTemplate("validation template");
    ApiClient.Response ok =
        putItem(
            id,
            "web_port",
            "{\"kind\":\"port\",\"intervalSeconds\":30,\"enabled\":true,"
                + "\"params\":{\"port\":\"8080\",\"timeout\":\"5s\",\"tls\":\"false\","
                + "\"expect\":\"^SSH-\"}}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("params").get("port").asText()).isEqualTo("8080");
    assertThat(ok.json().get("collector").asBoolean()).isFalse();

    assertBadItem(
        id, "p1", "{\"kind\":\"port\",\"params\":{\"port\":\"80\",\"colour\":\"x\"}}", "colour");
    assertBadItem(id, "p2", "{\"kind\":\"port\",\"params\":{\"host\":\"db\"}}", "port is required");
    assertBadItem(id, "p3", "{\"kind\":\"port\",\"params\":{\"port\":\"eighty\"}}", "port");
    assertBadItem(
        id, "p4", "{\"kind\":\"port\",\"params\":{\"port\":\"70000\"}}", "between 1 and 65535");
    assertBadItem(
        id,
        "p5",
        "{\"kind\":\"port\",\"params\":{\"port\":\"80\",\"timeout\":\"soon\"}}",
        "timeout");
    assertBadItem(
        id, "p6", "{\"kind\":\"port\",\"params\":{\"port\":\"80\",\"tls\":\"yes\"}}", "tls");
    assertBadItem(
        id, "p7", "{\"kind\":\"port\",\"params\":{\"port\":\"80\",\"expect\":\"([\"}}", "expect");
    assertBadItem(
        id,
        "l1",
        "{\"kind\":\"log\",\"params\":{\"path\":\"/var/log/x\",\"patterns\":\"SEVERE oops\"}}",
        "patterns");
    assertBadItem(id, "h1", "{\"kind\":\"http\",\"params\":{\"url\":\"ftp://x/\"}}", "url");
    assertBadItem(id, "d1", "{\"kind\":\"database\",\"params\":{\"driver\":\"oracle\"}}", "driver");
    assertBadItem(id, "pr1", "{\"kind\":\"process\",\"params\":{\"min\":\"1\"}}", "name");
    assertBadItem(
        id, "s1", "{\"kind\":\"script\",\"params\":{\"command\":\"check_disk\"}}", "command");
    assertBadItem(id, "x1", "{\"kind\":\"telepathy\"}", "unknown kind telepathy");
    assertBadItem(id, "cpu", "{\"kind\":null,\"params\":{\"x\":\"1\"}}", "takes no params");
    assertBadItem(id, "gpu", "{\"kind\":null}", "collector");
    assertBadItem(
        id,
        "p8",
        "{\"kind\":\"port\",\"intervalSeconds\":0,\"params\":{\"port\":\"1\"}}",
        "intervalSeconds");
    assertBadItem(
        id,
        "p9",
        "{\"kind\":\"port\",\"intervalSeconds\":86401,\"params\":{\"port\":\"1\"}}",
        "intervalSeconds");
    assertBadItem(id, "Bad-Key", "{\"kind\":\"port\",\"params\":{\"port\":\"1\"}}", "item key");

    ApiClient.Response collector = putItem(id, "cpu", "{\"kind\":null,\"intervalSeconds\":5}");
    assertThat(collector.status()).as(collector.body()).isEqualTo(200);
    assertThat(collector.json().get("collector").asBoolean()).isTrue();
    JsonNode items = admin.get("/api/v1/templates/" + id).json().get("items");
    assertThat(texts(items, "key")).containsExactly("cpu", "web_port");
    assertThat(admin.get("/api/v1/templates").json().toString()).contains("validation template");
    assertThat(admin.delete("/api/v1/templates/" + id + "/items/web_port").status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/templates/" + id + "/items/web_port").status()).isEqualTo(404);
    assertThat(putItem(999_999, "x", "{\"kind\":\"port\",\"params\":{\"port\":\"1\"}}").status())
        .isEqualTo(404);
  }

  private static void assertBadItem(long template, String key, String json, String message) {
    ApiClient.Response response = putItem(template, key, json);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo("invalid_request");
    assertThat(response.json().get("message").asText()).contains(message);
  }

  @Test
  void aHostOverrideChangesTheEffectiveConfigAndBumpsOnlyThatHostsVersion() {
    ProtocolAgent web = agent("override-web");
    ProtocolAgent other = agent("override-other");
    long webVersion = ackedVersion(web);
    long otherVersion = ackedVersion(other);

    long id = createTemplate("override template");
    assertThat(
            putItem(
                    id,
                    "app_port",
                    "{\"kind\":\"port\",\"intervalSeconds\":30,\"params\":{\"port\":\"8080\"}}")
                .status())
        .isEqualTo(200);
    assertThat(ackedVersion(web)).as("a template nobody uses affects nobody").isEqualTo(webVersion);

    assertThat(admin.put("/api/v1/hosts/" + web.hostKey() + "/templates/" + id).status())
        .isEqualTo(204);
    long attached = ackedVersion(web);
    assertThat(attached).isGreaterThan(webVersion);
    JsonNode config = agentConfig(web);
    assertThat(config.get("version").asLong()).isEqualTo(attached);
    assertThat(config.get("items").get("app_port").get("intervalSeconds").asInt()).isEqualTo(30);
    assertThat(config.get("items").get("app_port").get("kind").asText()).isEqualTo("port");
    assertThat(agentConfig(other).get("items").has("app_port")).isFalse();

    ApiClient.Response override =
        admin.put(
            "/api/v1/hosts/" + web.hostKey() + "/items/app_port",
            "{\"intervalSeconds\":5,\"params\":{\"port\":\"9090\"}}");
    assertThat(override.status()).as(override.body()).isEqualTo(200);
    assertThat(override.json().get("overridden").asBoolean()).isTrue();
    assertThat(override.json().get("source").asText()).isEqualTo("template");
    assertThat(override.json().get("templateName").asText()).isEqualTo("override template");
    long overridden = ackedVersion(web);
    assertThat(overridden).isGreaterThan(attached);
    JsonNode item = agentConfig(web).get("items").get("app_port");
    assertThat(item.get("intervalSeconds").asInt()).isEqualTo(5);
    assertThat(item.get("params").get("port").asText()).isEqualTo("9090");
    assertThat(item.get("enabled").asBoolean()).as("not overridden: inherited").isTrue();

    ApiClient.Response wrongKind =
        admin.put(
            "/api/v1/hosts/" + web.hostKey() + "/items/app_port",
            "{\"kind\":\"http\",\"params\":{\"url\":\"http://x/\"}}");
    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.json().get("message").asText()).contains("kind");
    ApiClient.Response ownWithoutKind =
        admin.put("/api/v1/hosts/" + web.hostKey() + "/items/own_thing", "{\"enabled\":true}");
    assertThat(ownWithoutKind.status()).isEqualTo(400);

    ApiClient.Response own =
        admin.put(
            "/api/v1/hosts/" + web.hostKey() + "/items/own_http",
            "{\"kind\":\"http\",\"params\":{\"url\":\"http://127.0.0.1:8080/health\"}}");
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("source").asText()).isEqualTo("host");
    assertThat(own.json().get("intervalSeconds").asInt()).isEqualTo(60);
    assertThat(agentConfig(web).get("items").get("own_http").get("params").get("url").asText())
        .isEqualTo("http://127.0.0.1:8080/health");

    assertThat(admin.delete("/api/v1/hosts/" + web.hostKey() + "/items/app_port").status())
        .isEqualTo(204);
    assertThat(agentConfig(web).get("items").get("app_port").get("intervalSeconds").asInt())
        .isEqualTo(30);
    assertThat(hostItem(web.hostKey(), "app_port").get("overridden").asBoolean()).isFalse();
    assertThat(admin.delete("/api/v1/hosts/" + web.hostKey() + "/items/app_port").status())
        .isEqualTo(404);

    assertThat(ackedVersion(other)).as("the other host was never affected").isEqualTo(otherVersion);
  }

  @Test
  void templateChangesReachHostsThroughTheirGroups() {
    ProtocolAgent member = agent("group-member");
    ProtocolAgent outsider = agent("group-outsider");
    ApiClient.Response group =
        admin.post("/api/v1/host-groups", "{\"name\":\"web farm\",\"description\":\"x\"}");
    assertThat(group.status()).isEqualTo(201);
    long groupId = group.json().get("id").asLong();
    assertThat(admin.post("/api/v1/host-groups", "{\"name\":\"web farm\"}").status())
        .isEqualTo(409);
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + member.hostKey()).status())
        .isEqualTo(204);
    long id = createTemplate("group template");
    long before = ackedVersion(member);
    long outsiderBefore = ackedVersion(outsider);

    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/templates/" + id).status())
        .isEqualTo(204);
    long linked = ackedVersion(member);
    assertThat(linked).isGreaterThan(before);
    putItem(id, "tcp", "{\"kind\":null,\"intervalSeconds\":77}");
    long changed = ackedVersion(member);
    assertThat(changed).isGreaterThan(linked);
    assertThat(agentConfig(member).get("items").get("tcp").get("intervalSeconds").asInt())
        .as("both via groups: the Linux server template has the lower id and wins")
        .isEqualTo(10);

    // A template attached to the host itself wins over group templates.
    assertThat(admin.put("/api/v1/hosts/" + member.hostKey() + "/templates/" + id).status())
        .isEqualTo(204);
    assertThat(agentConfig(member).get("items").get("tcp").get("intervalSeconds").asInt())
        .isEqualTo(77);
    JsonNode hostItems = admin.get("/api/v1/hosts/" + member.hostKey() + "/items").json();
    assertThat(texts(hostItems.get("groups"), "name")).contains("web farm", "Linux servers");
    assertThat(find(hostItems.get("templates"), "name", "group template").get("via").asText())
        .isEqualTo("host");

    JsonNode groups = admin.get("/api/v1/host-groups").json();
    JsonNode farm = find(groups, "name", "web farm");
    assertThat(texts(farm.get("hosts"), null)).containsExactly(member.hostKey());
    assertThat(texts(farm.get("templates"), "name")).containsExactly("group template");

    assertThat(ackedVersion(outsider)).isEqualTo(outsiderBefore);
    assertThat(admin.delete("/api/v1/host-groups/" + groupId).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/host-groups/" + groupId).status()).isEqualTo(404);
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + member.hostKey()).status())
        .isEqualTo(404);
  }

  @Test
  void everyCollectorIsListedAndDisabledWhenNoTemplateHasIt() {
    ProtocolAgent agent = agent("bare-host");
    long before = ackedVersion(agent);
    JsonNode linux = find(admin.get("/api/v1/host-groups").json(), "name", "Linux servers");
    assertThat(
            admin
                .delete("/api/v1/host-groups/" + linux.get("id") + "/hosts/" + agent.hostKey())
                .status())
        .isEqualTo(204);
    assertThat(ackedVersion(agent)).isGreaterThan(before);

    JsonNode items = agentConfig(agent).get("items");
    assertThat(items.size()).isEqualTo(COLLECTORS.size());
    for (String collector : COLLECTORS) {
      assertThat(items.get(collector).get("enabled").asBoolean()).as(collector).isFalse();
      assertThat(items.get(collector).get("kind").isNull()).isTrue();
    }
    assertThat(hostItem(agent.hostKey(), "mem").get("source").asText()).isEqualTo("default");

    ApiClient.Response enable =
        admin.put("/api/v1/hosts/" + agent.hostKey() + "/items/mem", "{\"enabled\":true}");
    assertThat(enable.status()).as(enable.body()).isEqualTo(200);
    assertThat(agentConfig(agent).get("items").get("mem").get("enabled").asBoolean()).isTrue();
    assertThat(
            admin
                .put(
                    "/api/v1/hosts/" + agent.hostKey() + "/items/mem", "{\"params\":{\"a\":\"b\"}}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void secretParamsAreNeverReadableButReachTheAgentOfTheirHostOnly() {
    ProtocolAgent db = agent("secret-db");
    ProtocolAgent bystander = agent("secret-bystander");
    long id = createTemplate("secret template");
    ApiClient.Response created =
        putItem(
            id,
            "pg_login",
            "{\"kind\":\"database\",\"params\":{\"driver\":\"postgresql\",\"user\":\"mon\","
                + "\"password\":\"Tr0ub4dor&3\",\"query\":\"SELECT 1\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("params").get("password").asText()).isEqualTo("******");
    assertThat(admin.put("/api/v1/hosts/" + db.hostKey() + "/templates/" + id).status())
        .isEqualTo(204);

    assertThat(admin.get("/api/v1/templates/" + id).body()).doesNotContain("Tr0ub4dor");
    assertThat(admin.get("/api/v1/hosts/" + db.hostKey() + "/items").body())
        .doesNotContain("Tr0ub4dor")
        .contains("******");
    assertThat(admin.get("/api/v1/audit?limit=1000").body()).doesNotContain("Tr0ub4dor");
    String stored =
        server
            .bean(JdbcClient.class)
            .sql("SELECT params_json FROM template_items WHERE item_key = 'pg_login'")
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain("Tr0ub4dor").contains("enc:v1:");

    assertThat(agentConfig(db).get("items").get("pg_login").get("params").get("password").asText())
        .isEqualTo("Tr0ub4dor&3");
    assertThat(agentConfig(bystander).get("items").has("pg_login")).isFalse();
    assertThat(agentConfig(bystander).toString()).doesNotContain("Tr0ub4dor");

    // Sending the mask back keeps the secret; a host override may keep or replace it.
    assertThat(
            putItem(
                    id,
                    "pg_login",
                    "{\"kind\":\"database\",\"params\":{\"driver\":\"postgresql\",\"user\":\"mon2\","
                        + "\"password\":\"******\"}}")
                .status())
        .isEqualTo(200);
    JsonNode params = agentConfig(db).get("items").get("pg_login").get("params");
    assertThat(params.get("password").asText()).isEqualTo("Tr0ub4dor&3");
    assertThat(params.get("user").asText()).isEqualTo("mon2");
    ApiClient.Response override =
        admin.put(
            "/api/v1/hosts/" + db.hostKey() + "/items/pg_login",
            "{\"params\":{\"driver\":\"postgresql\",\"user\":\"local\",\"password\":\"******\"}}");
    assertThat(override.status()).as(override.body()).isEqualTo(200);
    assertThat(override.body()).doesNotContain("Tr0ub4dor");
    assertThat(agentConfig(db).get("items").get("pg_login").get("params").get("password").asText())
        .isEqualTo("Tr0ub4dor&3");
    ApiClient.Response noSecretToKeep =
        putItem(
            id,
            "pg_other",
            "{\"kind\":\"database\",\"params\":{\"driver\":\"mysql\",\"password\":\"******\"}}");
    assertThat(noSecretToKeep.status()).isEqualTo(400);
    assertThat(noSecretToKeep.json().get("message").asText()).contains("password");
  }

  @Test
  void viewersReadButCannotChangeConfigurationWhileOperatorsCan() {
    PasswordEncoder encoder = server.bean(PasswordEncoder.class);
    JdbcClient jdbc = server.bean(JdbcClient.class);
    for (String role : List.of("VIEWER", "OPERATOR")) {
      jdbc.sql(
              "INSERT INTO users (username, password_hash, role, enabled, created_at)"
                  + " VALUES (?, ?, ?, TRUE, CURRENT_TIMESTAMP)")
          .params(role.toLowerCase(java.util.Locale.ROOT), encoder.encode("pw-" + role), role)
          .update();
    }
    ProtocolAgent agent = agent("roles-host");
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("viewer", "pw-VIEWER").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/templates").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/host-groups").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/hosts/" + agent.hostKey() + "/items").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/catalog/kinds").status()).isEqualTo(200);
    for (ApiClient.Response refused :
        List.of(
            viewer.post("/api/v1/templates", "{\"name\":\"viewer's\"}"),
            viewer.put("/api/v1/templates/1", "{\"name\":\"renamed by viewer\"}"),
            viewer.delete("/api/v1/templates/1"),
            viewer.put("/api/v1/templates/1/items/cpu", "{\"kind\":null}"),
            viewer.post("/api/v1/host-groups", "{\"name\":\"viewer group\"}"),
            viewer.put("/api/v1/hosts/" + agent.hostKey() + "/items/cpu", "{\"enabled\":false}"),
            viewer.delete("/api/v1/hosts/" + agent.hostKey() + "/items/cpu"),
            viewer.get("/api/v1/audit"))) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
    }
    assertThat(hostItem(agent.hostKey(), "cpu").get("overridden").asBoolean()).isFalse();

    ApiClient operator = new ApiClient(server.baseUri());
    assertThat(operator.login("operator", "pw-OPERATOR").status()).isEqualTo(200);
    assertThat(operator.post("/api/v1/templates", "{\"name\":\"operator's\"}").status())
        .isEqualTo(201);
    assertThat(
            operator
                .put("/api/v1/hosts/" + agent.hostKey() + "/items/cpu", "{\"intervalSeconds\":3}")
                .status())
        .isEqualTo(200);
    assertThat(operator.get("/api/v1/audit").status()).isEqualTo(200);
  }

  @Test
  void theCatalogListsEveryKindWithItsParams() {
    JsonNode kinds = admin.get("/api/v1/catalog/kinds").json();
    assertThat(texts(kinds, "kind"))
        .contains("port", "process", "log", "http", "database", "script", "clients")
        .containsAll(COLLECTORS);
    JsonNode port = find(kinds, "kind", "port");
    assertThat(port.get("collector").asBoolean()).isFalse();
    assertThat(texts(port.get("runsOn"), null)).containsExactly("agent", "server");
    JsonNode portParam = find(port.get("params"), "name", "port");
    assertThat(portParam.get("required").asBoolean()).isTrue();
    assertThat(portParam.get("min").asLong()).isEqualTo(1);
    assertThat(portParam.get("max").asLong()).isEqualTo(65535);
    assertThat(portParam.has("default")).isTrue();
    JsonNode password = find(find(kinds, "kind", "database").get("params"), "name", "password");
    assertThat(password.get("secret").asBoolean()).isTrue();
    assertThat(find(kinds, "kind", "cpu").get("collector").asBoolean()).isTrue();
  }

  @Test
  void networkChecksOfAnAgentlessHostRunOnTheServer() {
    ApiClient.Response host =
        admin.post(
            "/api/v1/hosts",
            "{\"key\":\"edge-box\",\"hostname\":\"edge-box\",\"address\":\"127.0.0.1\"}");
    assertThat(host.status()).as(host.body()).isEqualTo(201);
    long id = createTemplate("agentless template");
    putItem(id, "edge_port", "{\"kind\":\"port\",\"params\":{\"port\":\"22\"}}");
    putItem(id, "edge_sshd", "{\"kind\":\"process\",\"params\":{\"name\":\"sshd\"}}");
    assertThat(admin.put("/api/v1/hosts/edge-box/templates/" + id).status()).isEqualTo(204);

    assertThat(hostItem("edge-box", "edge_port").get("runsOn").asText()).isEqualTo("server");
    assertThat(hostItem("edge-box", "edge_sshd").get("runsOn").asText()).isEqualTo("agent");
    assertThat(hostItem("edge-box", "cpu").get("runsOn").asText()).isEqualTo("agent");
  }

  @Test
  void ownItemsWinOverTemplatesAndOverridesStopApplyingWhenTheirItemGoes() {
    ProtocolAgent agent = agent("own-and-stale");
    String host = "/api/v1/hosts/" + agent.hostKey();
    assertThat(
            admin
                .put(
                    host + "/items/svc",
                    "{\"kind\":\"http\",\"params\":{\"url\":\"http://127.0.0.1:81/\"}}")
                .status())
        .isEqualTo(200);
    long id = createTemplate("own and stale template");
    putItem(id, "svc", "{\"kind\":\"port\",\"params\":{\"port\":\"81\"}}");
    putItem(id, "extra", "{\"kind\":\"port\",\"intervalSeconds\":20,\"params\":{\"port\":\"82\"}}");
    assertThat(admin.put(host + "/templates/" + id).status()).isEqualTo(204);

    JsonNode svc = hostItem(agent.hostKey(), "svc");
    assertThat(svc.get("kind").asText()).as("the host's own item wins").isEqualTo("http");
    assertThat(svc.get("source").asText()).isEqualTo("host");
    assertThat(admin.put(host + "/items/svc", "{\"intervalSeconds\":15}").status()).isEqualTo(200);
    assertThat(agentConfig(agent).get("items").get("svc").get("intervalSeconds").asInt())
        .isEqualTo(15);

    assertThat(admin.put(host + "/items/extra", "{\"intervalSeconds\":5}").status()).isEqualTo(200);
    assertThat(agentConfig(agent).get("items").get("extra").get("intervalSeconds").asInt())
        .isEqualTo(5);
    long before = ackedVersion(agent);
    assertThat(admin.delete("/api/v1/templates/" + id + "/items/extra").status()).isEqualTo(204);
    assertThat(ackedVersion(agent)).isGreaterThan(before);
    assertThat(agentConfig(agent).get("items").has("extra"))
        .as("an override alone does not keep a removed template item alive")
        .isFalse();
    ApiClient.Response stale = admin.put(host + "/items/extra", "{\"intervalSeconds\":6}");
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.json().get("message").asText()).contains("no longer inherited");
    assertThat(admin.delete(host + "/items/extra").status()).isEqualTo(204);
  }

  @Test
  void sizesAreBounded() {
    ApiClient.Response longDescription =
        admin.post(
            "/api/v1/templates",
            "{\"name\":\"bounded\",\"description\":\"" + "d".repeat(1001) + "\"}");
    assertThat(longDescription.status()).isEqualTo(400);
    assertThat(longDescription.json().get("message").asText()).contains("description");

    long id = createTemplate("five hundred items");
    JdbcClient jdbc = server.bean(JdbcClient.class);
    for (int i = 0; i < 500; i++) {
      jdbc.sql(
              "INSERT INTO template_items (template_id, item_key, kind, interval_seconds, enabled,"
                  + " params_json) VALUES (?, ?, 'port', 60, TRUE, '{\"port\":\"1\"}')")
          .params(id, "item_" + i)
          .update();
    }
    ApiClient.Response tooMany =
        putItem(id, "item_500", "{\"kind\":\"port\",\"params\":{\"port\":\"1\"}}");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("message").asText()).contains("at most 500 items");
    assertThat(putItem(id, "item_7", "{\"kind\":\"port\",\"params\":{\"port\":\"2\"}}").status())
        .as("replacing an item at the limit is fine")
        .isEqualTo(200);
  }
}
