package io.vigil.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

  @Test
  void heartbeatsAreOrderedByStartThenCounter() {
    Heartbeat first = new Heartbeat("b", 100, 1, true, "v", "k");
    assertThat(first.after(null)).isTrue();
    assertThat(new Heartbeat("b", 100, 2, true, "v", "k").after(first)).isTrue();
    assertThat(new Heartbeat("b", 100, 1, true, "v", "k").after(first)).as("a replay").isFalse();
    assertThat(new Heartbeat("b", 99, 50, true, "v", "k").after(first))
        .as("an older run")
        .isFalse();
    assertThat(new Heartbeat("b", 101, 1, true, "v", "k").after(first)).as("a restart").isTrue();
  }

  @Test
  void onlyTheSharedSecretMakesAValidSignature() {
    HeartbeatSigner ours = new HeartbeatSigner("s".repeat(40));
    HeartbeatSigner theirs = new HeartbeatSigner("t".repeat(40));
    byte[] body = "{\"node\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    String signature = ours.sign(body);
    assertThat(ours.verify(body, signature)).isTrue();
    assertThat(theirs.verify(body, signature)).isFalse();
    assertThat(ours.verify("{\"node\":\"c\"}".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(ours.verify(body, null)).isFalse();
    assertThat(ours.verify(body, "00")).isFalse();
  }
}
