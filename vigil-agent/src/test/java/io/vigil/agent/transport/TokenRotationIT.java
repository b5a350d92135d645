package io.vigil.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.config.CentralConfig;
import io.vigil.model.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token rotation asked for in the ack: the real transport against {@link ScriptedServerStandIn},
 * which stops the old token at once, so only an agent that switched to the new one goes on.
 */
class TokenRotationIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path stateDir;
  private ScriptedServerStandIn server;
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

  private ServerChannel agent(String enrolmentToken) throws IOException {
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
    ServerChannel channel =
        new ServerChannel(
            server.uri(),
            stateDir.resolve("server-a"),
            fast,
            new EnrolmentIdentity(enrolmentToken, "test-host", "machine-1"),
            new CentralConfig(stateDir.resolve("config.json"), c -> {}));
    opened.add(channel);
    channel.start();
    return channel;
  }

  private static List<Point> points(long n) {
    return List.of(
        new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", (double) n), 1_000L * n));
  }

  @Test
  void rotatesWhenTheAckAsksSavesTheTokenAndUsesItAlsoAfterARestart() throws Exception {
    ServerChannel agent = agent(ScriptedServerStandIn.ENROLMENT_TOKEN);
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
    ServerChannel restarted = agent(null);
    assertThat(restarted.enrolled()).isTrue();
    restarted.append(points(4), System.currentTimeMillis());
    await().atMost(WAIT).until(() -> server.storedSequences().size() == 4);
    assertThat(server.storedSequences()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(restarted.sendErrors()).isZero();
  }
}
