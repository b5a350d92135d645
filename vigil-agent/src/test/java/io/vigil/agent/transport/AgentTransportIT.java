package io.vigil.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.config.CentralConfig;
import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent transport (spool, sequence, sender, enrolment, config) against a scripted HTTP
 * peer, {@link ScriptedServerStandIn}: an outage, a restart, a refused batch and a revoked token
 * must lose nothing else and keep the order.
 */
class AgentTransportIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int POINTS_PER_BATCH = 7;

  @TempDir Path stateDir;
  private ScriptedServerStandIn server;
  private final List<AgentConfig> appliedConfigs = new CopyOnWriteArrayList<>();
  private final List<ServerChannel> opened = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServerStandIn();
  }

  @AfterEach
  void stopAll() {
    opened.forEach(ServerChannel::close);
    server.close();
  }

  private ServerChannel givenAgent(String enrolmentToken) throws IOException {
    ChannelSettings fast =
        new ChannelSettings(
            64L * 1024 * 1024,
            Duration.ofDays(7),
            10,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofMillis(500));
    CentralConfig config = new CentralConfig(stateDir.resolve("config.json"), appliedConfigs::add);
    ServerChannel channel =
        new ServerChannel(
            server.uri(),
            stateDir.resolve("server-a"),
            fast,
            new EnrolmentIdentity(enrolmentToken, "test-host", "machine-1"),
            config);
    opened.add(channel);
    channel.start();
    return channel;
  }

  private static List<Point> points(long batchNo) {
    List<Point> points = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < POINTS_PER_BATCH; i++) {
      points.add(
          new Point(
              "cpu",
              Map.of("cpu", Integer.toString(i)),
              Map.of("used_pct", (double) batchNo),
              now));
    }
    return points;
  }

  private Path spoolDir() {
    return stateDir.resolve("server-a/spool");
  }

  private List<String> spooled(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void deliversInOrderThroughAnOutageARestartAndARefusedBatch() throws Exception {
    ServerChannel agent = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    agent.offerInventory(
        new Inventory(
            "test-host", "Linux", "6.1", "amd64", "cpu", 2, 4, 1L << 30, 1, "t", List.of()));
    for (long b = 1; b <= 5; b++) {
      assertThat(agent.append(points(b), System.currentTimeMillis())).isEqualTo(b);
    }
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 5);
    await().atMost(WAIT).until(() -> spooled(spoolDir()).isEmpty());
    assertThat(server.stored().getFirst().inventory()).isNotNull();
    assertThat(server.stored().get(1).inventory()).isNull();
    assertThat(server.enrolments()).isEqualTo(1);

    // Outage: the server answers 503; batches pile up in the spool.
    server.available(false);
    for (long b = 6; b <= 10; b++) {
      agent.append(points(b), System.currentTimeMillis());
    }
    await().atMost(WAIT).until(() -> server.unavailableAnswers() >= 3);
    assertThat(spooled(spoolDir())).hasSize(5).first().isEqualTo("000000000006.json.gz");

    // Agent restart during the outage: same state dir, the spool and the sequence survive.
    agent.close();
    ServerChannel restarted = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    assertThat(restarted.append(points(11), System.currentTimeMillis())).isEqualTo(11);
    assertThat(restarted.append(points(12), System.currentTimeMillis())).isEqualTo(12);
    server.refuse(12);

    server.available(true);
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 11);
    await().atMost(WAIT).until(() -> spooled(spoolDir()).isEmpty());
    assertThat(spooled(spoolDir().resolve("rejected"))).containsExactly("000000000012.json.gz");

    // The queue is not blocked by the refused batch.
    restarted.append(points(13), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 12);

    List<Long> expected = LongStream.rangeClosed(1, 13).filter(s -> s != 12).boxed().toList();
    assertThat(server.storedSequences()).containsExactlyElementsOf(expected);
    assertThat(server.stored().stream().mapToInt(b -> b.points().size()).sum())
        .isEqualTo(expected.size() * POINTS_PER_BATCH);
    for (Batch batch : server.stored()) {
      assertThat(batch.points())
          .allSatisfy(
              p -> assertThat(p.fields().get("used_pct")).isEqualTo((double) batch.sequence()));
    }
    assertThat(server.enrolments())
        .as("the stored token was reused after the restart")
        .isEqualTo(1);
    assertThat(restarted.spoolStats().rejectedTotal()).isEqualTo(1);
    assertThat(restarted.sendErrors()).isPositive();
  }

  @Test
  void reEnrolsWhenTheTokenIsRevokedAndFetchesANewConfigVersion() throws Exception {
    ServerChannel agent = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    agent.append(points(1), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 1);
    Path token = stateDir.resolve("server-a/agent-token");
    assertThat(Files.readString(token)).isEqualTo("vgl_a_1");

    server.revokeAllTokens();
    AgentConfig v2 = new AgentConfig(2, Map.of("cpu", new AgentConfig.Item(30, true)));
    server.config(v2);
    agent.append(points(2), System.currentTimeMillis());

    await().atMost(WAIT).until(() -> server.storedSequences().size() == 2);
    assertThat(server.enrolments()).isEqualTo(2);
    assertThat(Files.readString(token)).isEqualTo("vgl_a_2");
    await().atMost(WAIT).until(() -> appliedConfigs.contains(v2));
    assertThat(stateDir.resolve("config.json")).exists();

    agent.append(points(3), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 3);
    assertThat(server.configFetches()).as("one fetch per new version").isEqualTo(2);
  }

  @Test
  void anIdleAgentLearnsANewConfigVersionFromItsHeartbeatWithoutSendingDataTwice()
      throws Exception {
    ServerChannel agent = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    agent.append(points(1), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 1);

    AgentConfig v2 = new AgentConfig(2, Map.of("cpu", new AgentConfig.Item(300, true)));
    server.config(v2);

    // Nothing more is collected (every item slower than the push period): the heartbeat alone
    // brings the new version.
    await().atMost(WAIT).until(() -> appliedConfigs.contains(v2));
    assertThat(server.storedSequences()).containsExactly(1L);
    assertThat(spooled(spoolDir())).isEmpty();
  }

  @Test
  void withoutAnEnrolmentTokenARevokedAgentKeepsSpooling() throws Exception {
    ServerChannel agent = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    agent.append(points(1), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 1);
    agent.close();

    server.revokeAllTokens();
    ServerChannel noEnrolment = givenAgent(null);
    noEnrolment.append(points(2), System.currentTimeMillis());
    noEnrolment.append(points(3), System.currentTimeMillis());

    await().atMost(WAIT).until(() -> noEnrolment.sendErrors() >= 3);
    assertThat(spooled(spoolDir())).containsExactly("000000000002.json.gz", "000000000003.json.gz");
    assertThat(server.enrolments()).isEqualTo(1);
  }

  /**
   * Token rotation asked for in the ack; the stand-in stops the old token at once, so only an agent
   * that switched to the new one goes on.
   */
  @Test
  void rotatesWhenTheAckAsksSavesTheTokenAndUsesItAlsoAfterARestart() throws Exception {
    ServerChannel agent = givenAgent(ScriptedServerStandIn.ENROLMENT_TOKEN);
    agent.append(points(1), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 1);
    Path tokenFile = stateDir.resolve("server-a/agent-token");
    assertThat(Files.readString(tokenFile)).isEqualTo("vgl_a_1");

    server.requestRotation();
    agent.append(points(2), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.rotations() == 1);
    await().atMost(WAIT).until(() -> Files.readString(tokenFile).equals("vgl_a_rotated_1"));
    assertThat(Files.getPosixFilePermissions(tokenFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(server.validTokens()).containsExactly("vgl_a_rotated_1");

    // The old token is dead on the stand-in: batch 3 arrives only with the new one.
    agent.append(points(3), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 3);
    assertThat(server.enrolments()).as("no re-enrolment was needed").isEqualTo(1);
    assertThat(server.rotations()).as("rotated once, not on every ack").isEqualTo(1);
    assertThat(agent.sendErrors()).isZero();
    agent.close();

    // A restarted agent without an enrolment token reads the rotated token from its state dir.
    ServerChannel restarted = givenAgent(null);
    assertThat(restarted.enrolled()).isTrue();
    restarted.append(points(4), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 4);
    assertThat(server.storedSequences()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(restarted.sendErrors()).isZero();
  }
}
