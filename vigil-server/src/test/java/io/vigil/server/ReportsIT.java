package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reports against a real server: known points written into the store (rollups refreshed after every
 * commit), known problems in the history; statistics, availability, business hours, heat map, CSV
 * and PDF exports, the calendar, schedules and their e-mails.
 */
class ReportsIT {

  static final Instant D0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
  static final Instant D2 = D0.plus(2, ChronoUnit.DAYS);
  static final long HOUR = 3_600_000L;

  @TempDir static Path dataDir;
  static GreenMail smtp;
  static VigilServer server;
  static ApiClient admin;
  static String hostA;
  static String hostB;
  static String query;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.storage.rollup-refresh-interval", "0s")
            .property("vigil.notify.smtp.host", "127.0.0.1")
            .property("vigil.notify.smtp.port", port)
            .property("vigil.notify.smtp.from", "vigil@example.test")
            .property("vigil.reports.scheduler-interval", "200ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    hostA = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "rep-alpha").hostKey();
    hostB = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "rep-beta").hostKey();
    writeData();
    insertProblems();
    query =
        "period=custom&from="
            + D0.toEpochMilli()
            + "&to="
            + D2.toEpochMilli()
            + "&hosts="
            + hostA
            + ","
            + hostB
            + "&fields=cpu.used_pct,mem.used_pct&tz=UTC";
    // Every day 09:00-18:00 is business time, so the split does not depend on today's weekday.
    ApiClient.Response cal =
        admin.put(
            "/api/v1/reports/calendar",
            "{\"timeZone\":\"UTC\",\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\","
                + "\"SUN\"],\"start\":\"09:00\",\"end\":\"18:00\",\"holidays\":[]}");
    assertThat(cal.status()).as(cal.body()).isEqualTo(200);
    // The rollups catch up after the commit's view refresh.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode r = admin.get("/api/v1/reports?" + query).json();
              JsonNode a = stat(r, hostA, "cpu.used_pct");
              JsonNode c = r.get("checks");
              return !a.get("avg").isNull()
                  && a.get("min").asDouble() == 10
                  && c.size() == 1
                  && c.get(0).get("okPct").asDouble() == 75;
            });
  }

  @AfterAll
  static void stop() {
    Closing.all(server);
    if (smtp != null) {
      smtp.stop();
    }
  }

  /**
   * Host A: cpu total 10, 20, 30, 40 repeating hourly for two days (and a cpu0 series at 99 that
   * must not count), memory 70; host B: cpu 60; a check of B OK for 15 minutes then CRITICAL for 5.
   */
  static void writeData() {
    List<Point> points = new ArrayList<>();
    for (int h = 0; h < 48; h++) {
      long ts = D0.toEpochMilli() + h * HOUR;
      points.add(cpu(hostA, "total", 10 + (h % 4) * 10, ts));
      points.add(cpu(hostA, "cpu0", 99, ts));
      points.add(cpu(hostB, "total", 60, ts));
      points.add(new Point("mem", Map.of("host", hostA), Map.of("used_pct", 70.0), ts));
    }
    for (int m = 0; m < 20; m++) {
      points.add(
          new Point(
              "check",
              Map.of("host", hostB, "check", "web", "kind", "http"),
              Map.of("status", m < 15 ? 0.0 : 2.0, "duration_ms", 5.0),
              D0.toEpochMilli() + m * 60_000L));
    }
    server.bean(MetricStore.class).write(points);
  }

  static Point cpu(String host, String cpu, double value, long ts) {
    return new Point("cpu", Map.of("host", host, "cpu", cpu), Map.of("used_pct", value), ts);
  }

  /** A (with a host_down rule) 6 h down inside the period; a critical problem half outside. */
  static void insertProblems() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long down =
        jdbc.sql("SELECT id FROM alert_rules WHERE kind = 'host_down'")
            .query(Long.class)
            .list()
            .getFirst();
    long other =
        jdbc.sql("SELECT id FROM alert_rules WHERE kind <> 'host_down'")
            .query(Long.class)
            .list()
            .getFirst();
    insertProblem(jdbc, down, hostA, "major", D0.toEpochMilli() + 6 * HOUR, 6 * HOUR);
    insertProblem(jdbc, other, hostB, "critical", D0.toEpochMilli() - HOUR, 2 * HOUR);
  }

  static void insertProblem(
      JdbcClient jdbc, long rule, String host, String severity, long opened, long length) {
    jdbc.sql(
            "INSERT INTO problems (rule_id, rule_name, host_key, series, severity, status,"
                + " opened_at, updated_at, resolved_at, text) VALUES (?, 'r', ?, '{}', ?,"
                + " 'resolved', ?, ?, ?, 'test')")
        .params(rule, host, severity, opened, opened + length, opened + length)
        .update();
  }

  static JsonNode stat(JsonNode report, String host, String field) {
    for (JsonNode f : report.get("fields")) {
      if (f.get("host").asString().equals(host) && f.get("field").asString().equals(field)) {
        return f;
      }
    }
    throw new AssertionError("no " + host + " " + field + " in " + report);
  }

  @Test
  void statisticsAvailabilityProblemsAndHeatmap() {
    ApiClient.Response response = admin.get("/api/v1/reports?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode r = response.json();
    assertThat(r.get("resolution").asString()).isEqualTo("minute");
    assertThat(r.get("from").asLong()).isEqualTo(D0.toEpochMilli());
    JsonNode a = stat(r, hostA, "cpu.used_pct");
    assertThat(a.get("avg").asDouble()).isEqualTo(25.0);
    assertThat(a.get("min").asDouble()).isEqualTo(10.0);
    assertThat(a.get("max").asDouble()).isEqualTo(40.0);
    assertThat(a.get("p95").asDouble()).isEqualTo(40.0);
    // Business hours 09..17: 20,30,40,10,20,30,40,10,20 -> 220/9; the other 15 hours 380/15.
    assertThat(a.get("businessAvg").asDouble()).isCloseTo(220.0 / 9, within(1e-9));
    assertThat(a.get("offHoursAvg").asDouble()).isCloseTo(380.0 / 15, within(1e-9));
    JsonNode b = stat(r, hostB, "cpu.used_pct");
    assertThat(b.get("avg").asDouble()).isEqualTo(60.0);
    assertThat(stat(r, hostA, "mem.used_pct").get("max").asDouble()).isEqualTo(70.0);
    assertThat(stat(r, hostB, "mem.used_pct").get("avg").isNull()).isTrue();

    Map<String, Double> availability = new java.util.HashMap<>();
    r.get("availability")
        .forEach(x -> availability.put(x.get("host").asString(), x.get("pct").asDouble()));
    assertThat(availability).containsEntry(hostA, 87.5).containsEntry(hostB, 100.0);
    JsonNode check = r.get("checks").get(0);
    assertThat(check.get("host").asString()).isEqualTo(hostB);
    assertThat(check.get("check").asString()).isEqualTo("web");
    assertThat(check.get("okPct").asDouble()).isEqualTo(75.0);

    Map<String, long[]> problems = new java.util.HashMap<>();
    r.get("problems")
        .forEach(
            p ->
                problems.put(
                    p.get("severity").asString(),
                    new long[] {p.get("count").asLong(), p.get("durationSeconds").asLong()}));
    assertThat(problems.get("major")).containsExactly(1, 6 * 3600);
    assertThat(problems.get("critical")).containsExactly(1, 3600);
    assertThat(problems.get("warning")).containsExactly(0, 0);

    JsonNode heat = r.get("heatmap");
    assertThat(heat.get("field").asString()).isEqualTo("cpu.used_pct");
    int day = D0.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() - 1;
    // Hour 1: A 20 and B 60 averaged; a day with no data is empty.
    assertThat(heat.get("cells").get(day).get(1).asDouble()).isEqualTo(40.0);
    assertThat(heat.get("cells").get((day + 3) % 7).get(1).isNull()).isTrue();
  }

  @Test
  void csvExportIsAnAttachmentInLongFormat() {
    ApiClient.Response csv = admin.get("/api/v1/reports/export.csv?" + query);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().get("content-disposition").getFirst())
        .startsWith("attachment")
        .contains("vigil-report-custom-")
        .contains(".csv");
    List<String> lines = List.of(csv.body().split("\r\n"));
    assertThat(lines.getFirst()).isEqualTo("section,host,field,metric,value");
    assertThat(lines)
        .contains("field," + hostA + ",cpu.used_pct,avg,25")
        .contains("field," + hostB + ",cpu.used_pct,avg,60")
        .contains("field," + hostA + ",cpu.used_pct,max,40")
        .contains("availability," + hostA + ",,pct,87.5")
        .contains("check," + hostB + ",web,ok_pct,75")
        .contains("problems,,major,duration_seconds,21600");
    assertThat(lines.stream().filter(l -> l.startsWith("heatmap,")).count()).isEqualTo(48);
  }

  @Test
  void pdfExportHasTitleHostsAndFigures() throws Exception {
    byte[] pdf = download("/api/v1/reports/export.pdf?" + query);
    assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    String text = pdfText(pdf);
    assertThat(text)
        .contains("Vigil report")
        .contains("UTC")
        .contains(hostA)
        .contains(hostB)
        .contains("25.00")
        .contains("87.50")
        .contains("Hour x weekday");

    // Korean labels need a Korean font: .ci/run installs fonts-nanum.
    // Text extraction may return Hangul as decomposed jamo: compare in composed form.
    String korean =
        java.text.Normalizer.normalize(
            pdfText(download("/api/v1/reports/export.pdf?language=ko&" + query)),
            java.text.Normalizer.Form.NFC);
    assertThat(korean)
        .contains("보고서")
        .contains("호스트")
        .contains("가용성")
        .contains(hostA)
        .contains("25.00");
  }

  @Test
  void invalidRequestsAreRefusedWithAMessage() {
    assertThat(admin.get("/api/v1/reports?period=custom&from=1").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/reports?period=fortnight").status()).isEqualTo(400);
    ApiClient.Response wrongType = admin.get("/api/v1/reports?period=custom&from=soon&to=1");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("message").asText()).contains("from");
    assertThat(admin.get("/api/v1/reports?period=custom&from=0&to=" + 401L * 86_400_000).status())
        .isEqualTo(400);
    ApiClient.Response field = admin.get("/api/v1/reports?period=day&fields=cpu");
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.json().get("message").asString()).contains("measurement.field");
    assertThat(admin.get("/api/v1/reports?period=day&hosts=nope").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/reports?period=day&groups=x").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/reports?period=day&tz=Mars/Base").status()).isEqualTo(400);
    ApiClient.Response day = admin.get("/api/v1/reports?period=day&tz=Asia/Seoul");
    assertThat(day.status()).as(day.body()).isEqualTo(200);
    assertThat(day.json().get("to").asLong() - day.json().get("from").asLong())
        .isEqualTo(86_400_000L);
  }

  @Test
  void calendarIsValidatedAndPersisted() {
    assertThat(
            admin
                .put(
                    "/api/v1/reports/calendar",
                    "{\"timeZone\":\"UTC\",\"days\":[\"XYZ\"],\"start\":\"09:00\","
                        + "\"end\":\"18:00\",\"holidays\":[]}")
                .status())
        .isEqualTo(400);
    assertThat(
            admin
                .put(
                    "/api/v1/reports/calendar",
                    "{\"timeZone\":\"UTC\",\"days\":[\"MON\"],\"start\":\"18:00\","
                        + "\"end\":\"09:00\",\"holidays\":[]}")
                .status())
        .isEqualTo(400);
    JsonNode cal = admin.get("/api/v1/reports/calendar").json();
    assertThat(cal.get("days").size()).isEqualTo(7);
    assertThat(cal.get("start").asString()).isEqualTo("09:00");
  }

  @Test
  void sendNowAndTheSchedulerMailTheReportWithAttachmentsOncePerPeriod() throws Exception {
    ApiClient.Response bad =
        admin.post(
            "/api/v1/reports/schedules",
            "{\"name\":\"x\",\"frequency\":\"hourly\",\"emails\":[\"a@example.test\"]}");
    assertThat(bad.status()).isEqualTo(400);
    ApiClient.Response created =
        admin.post(
            "/api/v1/reports/schedules",
            "{\"name\":\"Daily web\",\"frequency\":\"daily\",\"hosts\":[\""
                + hostA
                + "\",\""
                + hostB
                + "\"],\"groups\":[],\"fields\":[\"cpu.used_pct\"],\"format\":\"both\","
                + "\"emails\":[\"ops@example.test\"],\"language\":\"en\",\"timeZone\":\"UTC\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(admin.get("/api/v1/reports/schedules").json().size()).isEqualTo(1);
    // A new schedule waits for its next period: nothing is sent by the scheduler yet.
    ApiClient.Response sent = admin.post("/api/v1/reports/schedules/" + id + "/send", "{}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).contains("Daily web");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.test");
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    List<String> names = new ArrayList<>();
    for (int i = 1; i < parts.getCount(); i++) {
      Part p = parts.getBodyPart(i);
      assertThat(p.getDisposition()).isEqualTo(Part.ATTACHMENT);
      names.add(p.getFileName());
      if (p.getFileName().endsWith(".pdf")) {
        assertThat(pdfText(p.getInputStream().readAllBytes())).contains(hostA).contains(hostB);
      } else {
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .startsWith("section,host,field,metric,value");
      }
    }
    assertThat(names).hasSize(2).allMatch(n -> n.startsWith("vigil-report-day-"));

    // Forget the period the schedule was created in: the scheduler sends it, once.
    server
        .bean(JdbcClient.class)
        .sql("UPDATE report_schedules SET last_period_start = 0 WHERE id = ?")
        .param(id)
        .update();
    await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smtp.getReceivedMessages().length == 2);
    assertThat(admin.get("/api/v1/reports/schedules/" + id).json().get("lastSentAt").isNull())
        .isFalse();
    assertThat(admin.delete("/api/v1/reports/schedules/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/reports/schedules/" + id).status()).isEqualTo(404);
  }

  @Test
  void aGroupScopedViewerSeesOnlyItsHostsAndCannotSchedule() {
    ApiClient.Response group = admin.post("/api/v1/host-groups", "{\"name\":\"Reports A\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    long groupId = group.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + hostA).status())
        .isEqualTo(204);
    String password = "Granite-Lantern-4417";
    ApiClient.Response user =
        admin.post(
            "/api/v1/users",
            "{\"username\":\"report-viewer\",\"password\":\""
                + password
                + "\",\"role\":\"VIEWER\",\"groupIds\":["
                + groupId
                + "]}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("report-viewer", password).status()).isEqualTo(200);

    String range = "period=custom&from=" + D0.toEpochMilli() + "&to=" + D2.toEpochMilli();
    JsonNode own = viewer.get("/api/v1/reports?" + range).json();
    assertThat(own.get("hosts").toString()).isEqualTo("[\"" + hostA + "\"]");
    assertThat(viewer.get("/api/v1/reports?" + range + "&hosts=" + hostB).status()).isEqualTo(403);
    assertThat(viewer.get("/api/v1/reports/export.csv?" + range + "&hosts=" + hostB).status())
        .isEqualTo(403);
    assertThat(viewer.get("/api/v1/reports?" + range + "&hosts=" + hostA).status()).isEqualTo(200);
    assertThat(
            viewer
                .post(
                    "/api/v1/reports/schedules",
                    "{\"name\":\"v\",\"frequency\":\"daily\",\"hosts\":[\""
                        + hostA
                        + "\"],\"emails\":[\"v@example.test\"]}")
                .status())
        .isEqualTo(403);
    assertThat(viewer.put("/api/v1/reports/calendar", "{}").status()).isEqualTo(403);
  }

  static byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response =
        admin
            .client()
            .send(admin.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-disposition").orElseThrow())
        .startsWith("attachment")
        .endsWith(".pdf\"");
    return response.body();
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
