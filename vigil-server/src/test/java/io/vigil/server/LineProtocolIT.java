package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostSeries;
import io.vigil.server.testing.ProtocolAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * InfluxDB line protocol over real HTTP, as Telegraf and InfluxDB clients send it: ingest tokens in
 * their four forms, v1 and v2 shapes, precision, gzip, refused lines answered 400 with their
 * numbers while the valid ones are stored, and hosts created for the names the data carries.
 */
class LineProtocolIT {

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static String token;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.ingest.max-body-size", "256KB")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    token = createToken(admin, "telegraf", null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String createToken(ApiClient admin, String name, Long groupId) {
    return LineProtocolITSupport.token(admin, name, groupId);
  }

  static long seconds() {
    return System.currentTimeMillis() / 1000;
  }

  static ApiClient.Response write(String path, String authorization, byte[] body, boolean gzip) {
    ApiClient client = new ApiClient(server.baseUri());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? gzip(body) : body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return client.send(request);
  }

  static ApiClient.Response write(String path, String authorization, String body) {
    return write(path, authorization, body.getBytes(StandardCharsets.UTF_8), false);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void telegrafOverV1AndV2MakesAnAgentlessHostWithTheAgentsMeasurements() {
    long t = seconds();
    String v1 =
        "cpu,cpu=cpu-total,host=Web-01 usage_idle=91.5,usage_user=5,usage_system=3.5 "
            + t
            + "\nmem,host=Web-01 total=8000000000i,available=6000000000i,used_percent=25 "
            + t
            + "\ndisk,device=sda1,fstype=ext4,host=Web-01,path=/ total=50000000000i,used=10000000000i,free=40000000000i "
            + t
            + "\nnet,host=Web-01,interface=eth0 bytes_recv=1000i,bytes_sent=500i "
            + (t - 10)
            + "\nnet,host=Web-01,interface=eth0 bytes_recv=11000i,bytes_sent=1500i "
            + t
            + "\n";
    ApiClient.Response written =
        write("/write?db=telegraf&rp=autogen&precision=s", basic("telegraf", token), v1);
    assertThat(written.status()).as(written.body()).isEqualTo(204);

    JsonNode host = admin.get("/api/v1/hosts/web-01").json();
    assertThat(host.get("hostname").asText()).isEqualTo("Web-01");
    assertThat(host.get("agentless").asBoolean()).isTrue();
    JsonNode linux = group(admin, "Linux servers");
    assertThat(admin.get("/api/v1/host-groups/" + linux.get("id").asLong()).body())
        .as("new hosts join vigil.ilp.host-group")
        .contains("web-01");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(HostSeries.all(admin, "web-01", "cpu", "used_pct", Map.of("cpu", "total")))
                  .containsExactly(8.5);
              assertThat(HostSeries.all(admin, "web-01", "mem", "used_pct", Map.of()))
                  .containsExactly(25.0);
              assertThat(HostSeries.all(admin, "web-01", "fs", "size_bytes", Map.of("mount", "/")))
                  .containsExactly(5e10);
              assertThat(
                      HostSeries.all(
                          admin, "web-01", "net", "rx_bytes_ps", Map.of("iface", "eth0")))
                  .containsExactly(1000.0);
            });
    assertThat(admin.get("/api/v1/hosts/web-01").json().get("online").asBoolean()).isTrue();

    long ms = System.currentTimeMillis();
    ApiClient.Response v2 =
        write(
            "/api/v2/write?org=acme&bucket=telegraf&precision=ms",
            "Token " + token,
            "cpu,cpu=cpu0,host=web-01 usage_idle=60,usage_user=40 " + ms + "\n");
    assertThat(v2.status()).as(v2.body()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(HostSeries.all(admin, "web-01", "cpu", "used_pct", Map.of("cpu", "0")))
                    .containsExactly(40.0));
  }

  @Test
  void badLinesAreRefusedWithTheirNumbersAndTheValidOnesStored() {
    long t = seconds();
    String body =
        "app,host=partly requests=1i "
            + t
            + "\napp,host=partly requests=oops "
            + t
            + "\n\napp,host=partly requests=3i "
            + (t - 1)
            + "\napp,host=partly requests=4i 12\napp,host=partly,ts=x requests=5i,other=\"text\" "
            + (t - 2)
            + "\n";
    ApiClient.Response partly = write("/write?db=app&precision=s", "Token " + token, body);
    assertThat(partly.status()).as(partly.body()).isEqualTo(400);
    JsonNode answer = partly.json();
    assertThat(answer.get("error").asText())
        .startsWith("partial write: line 2: invalid number value of field requests")
        .contains("dropped=2");
    assertThat(answer.get("code").asText()).isEqualTo("invalid");
    assertThat(answer.get("written").asInt()).isEqualTo(3);
    assertThat(answer.get("refused").asInt()).isEqualTo(2);
    assertThat(answer.get("refusedLines").toString()).isEqualTo("[2,5]");
    assertThat(answer.get("errors").get(1).get("reason").asText())
        .contains("outside the accepted window");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(HostSeries.all(admin, "partly", "app", "requests", Map.of()))
                    .containsExactlyInAnyOrder(5.0, 3.0, 1.0));
    assertThat(HostSeries.values(admin, "partly", "app", "requests", Map.of()).keySet())
        .contains(Map.of("exported_ts", "x"));

    ApiClient.Response none =
        write("/write?db=app", "Token " + token, "app,host=partly requests=\nalso bad\n");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("error").asText()).startsWith("unable to parse: line 1: ");
    assertThat(none.json().get("refusedLines").toString()).isEqualTo("[1,2]");
    assertThat(none.json().get("message").asText()).isEqualTo(none.json().get("error").asText());

    ApiClient.Response noHost = write("/write?db=app", "Token " + token, "app requests=1i\n");
    assertThat(noHost.status()).isEqualTo(400);
    assertThat(noHost.json().get("errors").get(0).get("reason").asText())
        .isEqualTo("no host: the line has no tag host or hostname");
  }

  @Test
  void gzipBodiesAreInflatedAndBrokenOnesRefused() {
    StringBuilder body = new StringBuilder();
    long t = seconds();
    for (int i = 0; i < 2000; i++) {
      body.append("gz,host=zipped,n=")
          .append(i % 50)
          .append(" v=")
          .append(i)
          .append(' ')
          .append(t - i / 50)
          .append('\n');
    }
    ApiClient.Response zipped =
        write(
            "/write?db=gz&precision=s",
            "Token " + token,
            body.toString().getBytes(StandardCharsets.UTF_8),
            true);
    assertThat(zipped.status()).as(zipped.body()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(HostSeries.all(admin, "zipped", "gz", "v", Map.of())).hasSize(2000));

    byte[] broken = gzip("gz,host=zipped v=1\n".getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve("/write?db=gz"))
            .header("Authorization", "Token " + token)
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(broken, 12)));
    ApiClient.Response cutGzip = new ApiClient(server.baseUri()).send(request);
    assertThat(cutGzip.status()).as(cutGzip.body()).isEqualTo(400);
    assertThat(cutGzip.json().get("message").asText()).contains("not valid gzip");

    ApiClient.Response tooLarge =
        write("/write?db=gz", "Token " + token, new byte[300 * 1024], false);
    assertThat(tooLarge.status()).isEqualTo(413);
  }

  @Test
  void onlyActiveIngestTokensWrite() {
    String line = "auth,host=guarded v=1\n";
    assertThat(write("/write?db=a", null, line).status()).isEqualTo(401);
    assertThat(write("/write?db=a", "Token vgl_i_wrong", line).status()).isEqualTo(401);
    assertThat(write("/write?db=a", basic("x", "vgl_i_wrong"), line).json().get("error").asText())
        .isEqualTo("invalid_token");
    assertThat(write("/write?db=a&u=x&p=" + token, null, line).status()).isEqualTo(204);
    assertThat(write("/write?db=a", "Bearer " + token, line).status()).isEqualTo(204);
    assertThat(write("/api/v2/write?bucket=a&p=" + token, null, line).status())
        .as("u/p are InfluxDB 1's")
        .isEqualTo(401);
    ProtocolAgent agent =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "lp-agent");
    assertThat(write("/write?db=a", "Bearer " + agent.token(), line).status()).isEqualTo(403);
    ApiClient.Response userToken = admin.post("/api/v1/tokens", "{\"name\":\"script\"}");
    String script = userToken.json().get("token").asText();
    assertThat(write("/write?db=a", "Token " + script, line).status()).isEqualTo(401);
    assertThat(write("/write?db=a", "Bearer " + script, line).status())
        .as("a user, but no writer")
        .isEqualTo(403);
    assertThat(new ApiClient(server.baseUri()).withBearer(token).get("/api/v1/hosts").status())
        .as("an ingest token reads nothing")
        .isEqualTo(403);
    assertThat(write("/write", "Token " + token, line).json().get("message").asText())
        .contains("database is required");
    assertThat(write("/write?db=a&precision=days", "Token " + token, line).status()).isEqualTo(400);

    String doomed = createToken(admin, "to revoke", null);
    assertThat(write("/write?db=a", "Token " + doomed, line).status()).isEqualTo(204);
    JsonNode listed = admin.get("/api/v1/ingest-tokens").json();
    JsonNode row = null;
    for (JsonNode t : listed) {
      assertThat(t.has("token")).as("the secret is shown once").isFalse();
      if (t.get("name").asText().equals("to revoke")) {
        row = t;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.get("lastUsedAt").isNull()).isFalse();
    ApiClient.Response revoked = admin.delete("/api/v1/ingest-tokens/" + row.get("id").asLong());
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().get("revoked").asBoolean()).isTrue();
    assertThat(write("/write?db=a", "Token " + doomed, line).status()).isEqualTo(401);
    assertThat(write("/write?db=a", "Token " + token, line).status()).isEqualTo(204);
  }

  @Test
  void theInfluxdbProbesWritersMakeAreAnswered() {
    ApiClient anonymous = new ApiClient(server.baseUri());
    ApiClient.Response ping = anonymous.get("/ping");
    assertThat(ping.status()).isEqualTo(204);
    assertThat(ping.headers()).containsKey("x-influxdb-version");
    ApiClient withToken = new ApiClient(server.baseUri());
    ApiClient.Response databases =
        withToken.send(
            withToken
                .request("/query?q=SHOW+DATABASES&db=glances")
                .header("Authorization", basic("glances", token))
                .header("Accept", "application/x-msgpack") // as influxdb-python asks
                .GET());
    assertThat(databases.status()).as(databases.body()).isEqualTo(200);
    assertThat(databases.json().at("/results/0/series/0/values").toString())
        .isEqualTo("[[\"glances\"],[\"telegraf\"]]");
    ApiClient.Response create =
        withToken.send(
            withToken
                .request("/query")
                .header("Authorization", "Token " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=CREATE+DATABASE+%22telegraf%22")));
    assertThat(create.status()).as(create.body()).isEqualTo(200);
    ApiClient.Response select =
        withToken.send(
            withToken
                .request("/query?q=SELECT+*+FROM+cpu")
                .header("Authorization", "Token " + token)
                .GET());
    assertThat(select.status()).isEqualTo(400);
    assertThat(select.json().get("message").asText()).contains("SHOW DATABASES");
    assertThat(anonymous.get("/query?q=SHOW+DATABASES").status()).isEqualTo(401);
  }

  static JsonNode group(ApiClient admin, String name) {
    for (JsonNode group : admin.get("/api/v1/host-groups").json()) {
      if (group.get("name").asText().equals(name)) {
        return group;
      }
    }
    throw new AssertionError("no group " + name);
  }

  static URI base() {
    return server.baseUri();
  }

  static List<String> keys(JsonNode hosts) {
    List<String> keys = new java.util.ArrayList<>();
    hosts.forEach(h -> keys.add(h.get("key").asText()));
    return keys;
  }
}
