package io.vigil.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.IngestAck;
import io.vigil.model.InvalidInputException;
import io.vigil.model.WireCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The optional {@code rotateToken} of the ack, and the rotation answer. */
class AckRotationWireTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anAckFromAnOlderServerAsksForNoRotation() {
    IngestAck ack = AgentWire.ack(utf8("{\"ackSequence\":4,\"configVersion\":2}"));
    assertThat(ack).isEqualTo(new IngestAck(4, 2));
    assertThat(ack.rotateTokenRequested()).isFalse();
  }

  @Test
  void theServersAcksAreReadWithAndWithoutTheRequest() {
    WireCodec strict = WireCodec.strict();
    assertThat(AgentWire.ack(strict.write(new IngestAck(5, 1, true))).rotateTokenRequested())
        .isTrue();
    assertThat(AgentWire.ack(strict.write(new IngestAck(5, 1))).rotateTokenRequested()).isFalse();
    assertThat(strict.read(utf8("{\"ackSequence\":4,\"configVersion\":2}"), IngestAck.class))
        .isEqualTo(new IngestAck(4, 2));
    assertThatThrownBy(
            () -> AgentWire.ack(utf8("{\"ackSequence\":4,\"configVersion\":2,\"rotateToken\":1}")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theRotationAnswerMustCarryAToken() {
    assertThat(AgentWire.rotatedToken(utf8("{\"agentId\":\"a\",\"agentToken\":\"vgl_a_x\"}")))
        .isEqualTo("vgl_a_x");
    assertThatThrownBy(() -> AgentWire.rotatedToken(utf8("{\"agentId\":\"a\"}")))
        .isInstanceOf(InvalidInputException.class);
  }
}
