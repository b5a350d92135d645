package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.NotifyTestPeers.Mail;
import io.vigil.server.NotifyTestPeers.MailSink;
import io.vigil.server.NotifyTestPeers.Sms;
import io.vigil.server.NotifyTestPeers.SmsSink;
import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ServerProcess;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import io.vigil.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one PostgreSQL config database, each with its own metrics store, and the
 * real agent sending to both. The leader is killed with SIGKILL: the survivor sends "monitoring
 * server down" by SMS and e-mail within 15 s, takes the lead, and notifies a problem opened during
 * the outage exactly once; the killed server comes back, receives what the agent spooled for it,
 * and afterwards both stores hold the same samples, and nothing was notified twice.
 */
class ClusterIT {

  private static final Path SERVER_MODULE = Path.of("").toAbsolutePath();
  private static final String DOWN = "Monitoring server down";

  @TempDir Path work;

  @Test
  void thePairSurvivesTheLeadersDeathWithoutLosingOrRepeatingAnything() throws Exception {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    int portA = NotifyTestPeers.freePort();
    int portB = NotifyTestPeers.freePort();
    Path keyFile = work.resolve("secrets.key");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
    byte[] secretBytes = new byte[33];
    new SecureRandom().nextBytes(secretBytes);
    String secret = Base64.getEncoder().encodeToString(secretBytes);

    try (MailSink smtp = new MailSink().start();
        SmsSink smsc = new SmsSink()) {
      Node a =
          new Node("vigil-a", portA, portB, work, database, postgres, keyFile, secret, smtp, smsc);
      Node b =
          new Node("vigil-b", portB, portA, work, database, postgres, keyFile, secret, smtp, smsc);
      AgentProcess agent = null;
      try {
        a.start();
        b.start(); // after a: a fresh database is migrated and seeded by one server
        String password = a.process.generatedAdminPassword().orElseThrow();
        ApiClient adminA = login(a, password);
        ApiClient adminB = login(b, password);
        await("a leads, b follows, each sees the other")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    leads(adminA, true)
                        && leads(adminB, false)
                        && peerUp(adminA)
                        && peerUp(adminB));

        ApiClient.Response erin =
            adminA.post(
                "/api/v1/recipients",
                "{\"name\":\"erin\",\"email\":\"erin@example.test\",\"phone\":\"+15550100\"}");
        assertThat(erin.status()).as(erin.body()).isEqualTo(201);
        ApiClient.Response route =
            adminA.post(
                "/api/v1/routes",
                "{\"name\":\"on-call\",\"minSeverity\":\"critical\",\"channels\":[\"email\",\"sms\"],"
                    + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
                    + erin.json().get("id").asLong()
                    + "]}]}");
        assertThat(route.status()).as(route.body()).isEqualTo(201);

        Instant from = Instant.now();
        String token = Files.readString(a.dataDir.resolve("enrolment-token")).strip();
        agent =
            AgentProcess.start(
                a.base(),
                token,
                work.resolve("agent"),
                List.of("--server", b.base().toString(), "--push-interval-seconds", "1"));
        String host = awaitHost(adminA);
        awaitHost(adminB);

        // Steady state: a problem opened while both run is notified once, by the leader.
        createAlwaysFiringRule(adminA, "Cluster steady", host);
        await("the steady problem is e-mailed and texted")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    count(smtp.received(), "Cluster steady") == 1
                        && texts(smsc, "Cluster steady") == 1);

        long killedAt = System.nanoTime();
        long outageFrom = System.currentTimeMillis();
        assertThat(a.process.kill()).isEqualTo(ServerProcess.SIGKILL_EXIT);
        await("the survivor reports the leader down by e-mail and SMS")
            .atMost(Duration.ofSeconds(20))
            .until(() -> count(smtp.received(), DOWN) == 1 && texts(smsc, DOWN) == 1);
        long downAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(downAfterMillis)
            .as("peer down notified within 15 s")
            .isLessThanOrEqualTo(15_000);
        Mail down = only(smtp.received(), m -> m.subject().contains(DOWN));
        assertThat(down.subject()).contains("127.0.0.1:" + portA);
        assertThat(down.body()).contains("vigil-b carries on alone");
        assertThat(leads(adminB, true)).as("b took the lead").isTrue();

        // A problem opened during the outage: notified once, by the survivor.
        createAlwaysFiringRule(adminB, "Cluster outage", host);
        await("the outage problem is notified")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    count(smtp.received(), "Cluster outage") == 1
                        && texts(smsc, "Cluster outage") == 1);
        Thread.sleep(5_000); // samples pile up in the agent's spool for a

        long outageTo = System.currentTimeMillis();
        a.start();
        ApiClient adminA2 = login(a, password);
        await("the survivor reports the peer back")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    smtp.received().stream()
                            .anyMatch(m -> m.subject().startsWith("[Vigil resolved] " + DOWN))
                        && smsc.received.stream()
                            .anyMatch(s -> s.text().startsWith("[Vigil resolved] " + DOWN)));
        assertThat(leads(adminB, true)).as("b keeps the lead: no flapping back").isTrue();
        assertThat(leads(adminA2, false)).isTrue();
        // The agent retries a with a back-off of up to 30 s: wait until it sent a every batch
        // spooled during the outage, then give a's evaluator time to judge them (it must not
        // notify what b already did).
        Path spoolOfA = work.resolve("agent");
        await("the agent drained what it spooled for a during the outage")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> spooledBefore(spoolOfA, portA, outageTo) == 0);
        Thread.sleep(10_000);
        agent.stop();
        agent = null;
        Instant to = Instant.now();
        Thread.sleep(3_000);

        List<Mail> mails = smtp.received();
        List<Sms> texts = List.copyOf(smsc.received);
        System.out.printf(
            "ClusterIT: peer down notified %d ms after the kill; %d e-mails, %d SMS: %s%n",
            downAfterMillis,
            mails.size(),
            texts.size(),
            mails.stream().map(Mail::subject).toList());
        for (String rule : List.of("Cluster steady", "Cluster outage", DOWN)) {
          assertThat(count(mails, "[Vigil critical] " + rule))
              .as("e-mails opening " + rule)
              .isEqualTo(1);
          assertThat(texts(smsc, "[Vigil critical] " + rule))
              .as("SMS opening " + rule)
              .isEqualTo(1);
        }
        assertThat(count(mails, "[Vigil resolved] " + DOWN)).isEqualTo(1);
        assertThat(texts(smsc, "[Vigil resolved] " + DOWN)).isEqualTo(1);
        assertThat(mails).as("nothing else was sent").hasSize(4);

        assertThat(a.process.stop()).as("a stops cleanly").isTrue();
        assertThat(b.process.stop()).as("b stops cleanly").isTrue();
        for (Node node : List.of(a, b)) {
          assertThat(Files.readAllLines(node.log))
              .as("errors in %s's log", node)
              .noneMatch(line -> line.contains(" ERROR ") || line.startsWith("Caused by"));
        }
        Set<String> inA = samples(a.dataDir, host, from, to);
        Set<String> inB = samples(b.dataDir, host, from, to);
        Set<String> outageInA = during(inA, outageFrom, outageTo);
        System.out.printf(
            "ClusterIT: %d cpu samples in a, %d in b; %d of a's taken while a was dead%n",
            inA.size(), inB.size(), outageInA.size());
        assertThat(outageInA).as("a got what the agent spooled while a was dead").isNotEmpty();
        assertThat(outageInA).isEqualTo(during(inB, outageFrom, outageTo));
        assertThat(inA).as("a holds every sample b holds, and nothing else").isEqualTo(inB);
      } finally {
        if (agent != null) {
          agent.close();
        }
        a.kill();
        b.kill();
      }
    }
  }

  private static void createAlwaysFiringRule(ApiClient admin, String name, String host) {
    ApiClient.Response created =
        admin.post(
            "/api/v1/alert-rules",
            """
            {"name":"%s","kind":"threshold",
             "scope":{"type":"host","value":"%s"},
             "measurement":"cpu","field":"used_pct","tags":{"cpu":"total"},
             "conditions":[{"severity":"critical","op":">","value":-1,"for":"0s"}],
             "recovery":{"op":"<","value":-2,"for":"0s"}}
            """
                .formatted(name, host));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static ApiClient login(Node node, String password) {
    ApiClient client = new ApiClient(node.base());
    ApiClient.Response login = client.login("admin", password);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return client;
  }

  private static boolean leads(ApiClient client, boolean leader) {
    ApiClient.Response status = client.get("/api/v1/cluster");
    return status.status() == 200 && status.json().get("leader").asBoolean() == leader;
  }

  private static boolean peerUp(ApiClient client) {
    JsonNode peer = client.get("/api/v1/cluster").json().get("peer");
    return peer != null && "up".equals(peer.get("state").asText());
  }

  private static String awaitHost(ApiClient client) {
    List<String> keys = new ArrayList<>();
    await("the agent's host is known")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              keys.clear();
              client.get("/api/v1/hosts").json().forEach(h -> keys.add(h.get("key").asText()));
              return keys.size() == 1;
            });
    return keys.get(0);
  }

  private static long count(List<Mail> mails, String subjectPart) {
    return mails.stream().filter(m -> m.subject().contains(subjectPart)).count();
  }

  private static long texts(SmsSink smsc, String part) {
    return smsc.received.stream().filter(s -> s.text().contains(part)).count();
  }

  private static Mail only(List<Mail> mails, Predicate<Mail> which) {
    List<Mail> matching = mails.stream().filter(which).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  /**
   * Batches the agent (state in {@code stateDir}) still holds for the server on {@code port} that
   * it spooled before {@code before} (epoch millis; a spool file is written once, when the batch is
   * made).
   */
  private static long spooledBefore(Path stateDir, int port, long before) throws IOException {
    long count = 0;
    try (DirectoryStream<Path> servers =
        Files.newDirectoryStream(stateDir.resolve("servers"), "127.0.0.1_" + port + "-*")) {
      for (Path server : servers) {
        try (DirectoryStream<Path> spool =
            Files.newDirectoryStream(server.resolve("spool"), "*.json.gz")) {
          for (Path batch : spool) {
            try {
              if (Files.getLastModifiedTime(batch).toMillis() < before) {
                count++;
              }
            } catch (NoSuchFileException acknowledgedMeanwhile) {
              // deleted after the ack while we looked
            }
          }
        }
      }
    }
    return count;
  }

  private static Set<String> during(Set<String> samples, long from, long to) {
    Set<String> within = new TreeSet<>();
    for (String sample : samples) {
      long at = Long.parseLong(sample.substring(sample.lastIndexOf('@') + 1));
      if (at >= from && at < to) {
        within.add(sample);
      }
    }
    return within;
  }

  /** Every cpu sample of the host in the store a stopped server left: "tags@timestamp". */
  private static Set<String> samples(Path dataDir, String host, Instant from, Instant to) {
    Set<String> keys = new TreeSet<>();
    try (QuestDbMetricStore store =
        QuestDbMetricStore.open(QuestDbSettings.defaults(dataDir.resolve("metrics")))) {
      store.awaitApplied(Duration.ofSeconds(60));
      RangeResult result =
          store.range(
              new RangeQuery(
                  "cpu", Map.of("host", host), List.of("used_pct"), from, to, Resolution.RAW));
      for (RangeResult.Series series : result.series()) {
        for (long t : series.timestamps()) {
          keys.add(series.tags() + "@" + t);
        }
      }
    }
    return keys;
  }

  /** One server of the pair: its own data directory and port, the shared database. */
  private static final class Node {
    final String name;
    final int port;
    final Path dataDir;
    final Path log;
    final List<String> arguments;
    ServerProcess process;

    Node(
        String name,
        int port,
        int peerPort,
        Path work,
        String database,
        PostgresServer postgres,
        Path keyFile,
        String secret,
        MailSink smtp,
        SmsSink smsc) {
      this.name = name;
      this.port = port;
      this.dataDir = work.resolve(name);
      this.log = SERVER_MODULE.resolve("target/cluster-it-" + name + ".log");
      try {
        Files.deleteIfExists(log);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      this.arguments =
          List.of(
              "--spring.datasource.url=" + database,
              "--spring.datasource.username=" + postgres.username(),
              "--spring.datasource.password=" + postgres.password(),
              "--vigil.secrets.key-file=" + keyFile,
              "--vigil.cluster.enabled=true",
              "--vigil.cluster.node-name=" + name,
              "--vigil.cluster.peer-url=http://127.0.0.1:" + peerPort,
              "--vigil.cluster.secret=" + secret,
              "--vigil.alerting.default-rules=false",
              "--vigil.notify.smtp.host=127.0.0.1",
              "--vigil.notify.smtp.port=" + smtp.port,
              "--vigil.notify.smtp.from=vigil@example.test",
              "--vigil.notify.smpp.host=127.0.0.1",
              "--vigil.notify.smpp.port=" + smsc.port,
              "--vigil.notify.dispatcher.poll-interval=200ms");
    }

    java.net.URI base() {
      return java.net.URI.create("http://127.0.0.1:" + port);
    }

    /** Starts (or restarts) the server; a restart appends to the same log. */
    void start() throws Exception {
      process = ServerProcess.start(dataDir, port, log, arguments);
      process.awaitHealthy(base());
    }

    void kill() throws InterruptedException {
      if (process != null) {
        process.kill();
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
