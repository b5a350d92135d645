package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Netlink sock_diag encoding and parsing on bytes captured from a Linux 6.18 x86_64 host (so
 * little-endian): an AF_INET dump with one listening and five TIME_WAIT sockets.
 */
class NetlinkTcpStatesTest {

  private static final int SEQ = 7;

  /** The request as sent: SOCK_DIAG_BY_FAMILY, REQUEST|DUMP, seq 7, AF_INET, TCP, states 1..12. */
  private static final String REQUEST =
      ""
          + "4800000014000103070000000000000002060000fe1f0000000000000000000000000000000000000000000000000000"
          + "000000000000000000000000000000000000000000000000";

  /** First datagram of the answer: six inet_diag_msg records with their attributes. */
  private static final String ANSWER =
      ""
          + "7c000000140002000700000098100000020a000007e80000000000000000000000000000000000000000000000000000"
          + "000000000000000000000000010000000000000000000000000000008000000000000000360200000500080000000000"
          + "08000f00000000000c001500010000000000000006001600520000006000000014000200070000009810000002060300"
          + "b7d44a9c7f0000010000000000000000000000007f000001000000000000000000000000000000000500000000000000"
          + "342300000000000000000000000000000000000008000f00000000006000000014000200070000009810000002060300"
          + "ba384a9c7f0000010000000000000000000000007f000001000000000000000000000000000000000600000000000000"
          + "1c9900000000000000000000000000000000000008000f00000000006000000014000200070000009810000002060300"
          + "d6024a9c7f0000010000000000000000000000007f000001000000000000000000000000000000000700000000000000"
          + "d07100000000000000000000000000000000000008000f00000000006000000014000200070000009810000002060300"
          + "81724a9c7f0000010000000000000000000000007f000001000000000000000000000000000000000800000000000000"
          + "000000000000000000000000000000000000000008000f00000000006000000014000200070000009810000002060300"
          + "9bf44a9c7f0000010000000000000000000000007f000001000000000000000000000000000000000900000000000000"
          + "804a00000000000000000000000000000000000008000f0000000000";

  /** Second datagram: NLMSG_DONE. */
  private static final String DONE = "1400000003000200070000009810000000000000";

  @BeforeAll
  static void littleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "captured on little-endian");
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void encodesTheDumpRequestAsCaptured() {
    byte[] request = new byte[NetlinkTcpStates.REQUEST_LENGTH];

    NetlinkTcpStates.encodeRequest(request, NetlinkTcpStates.AF_INET, SEQ);

    assertThat(HexFormat.of().formatHex(request)).isEqualTo(REQUEST);
  }

  @Test
  void countsTheStatesOfACapturedDump() throws IOException {
    long[] counts = new long[TcpStates.FIELDS.length];
    byte[] answer = hex(ANSWER);
    byte[] done = hex(DONE);

    assertThat(NetlinkTcpStates.parse(answer, answer.length, SEQ, counts)).isFalse();
    assertThat(NetlinkTcpStates.parse(done, done.length, SEQ, counts)).isTrue();

    assertThat(counts[10]).as("listen").isEqualTo(1);
    assertThat(counts[6]).as("time_wait").isEqualTo(5);
    assertThat(sum(counts)).isEqualTo(6);
  }

  @Test
  void messagesOfAnotherDumpAreSkipped() throws IOException {
    long[] counts = new long[TcpStates.FIELDS.length];
    byte[] answer = hex(ANSWER);
    byte[] done = hex(DONE);

    assertThat(NetlinkTcpStates.parse(answer, answer.length, SEQ + 1, counts)).isFalse();
    assertThat(NetlinkTcpStates.parse(done, done.length, SEQ + 1, counts)).isFalse();
    assertThat(sum(counts)).isZero();
  }

  @Test
  void onlyTheReceivedLengthIsParsed() throws IOException {
    // The receive buffer is reused: bytes beyond what recv() returned are stale.
    byte[] buffer = new byte[4096];
    byte[] answer = hex(ANSWER);
    System.arraycopy(answer, 0, buffer, 0, 124); // the first record (LISTEN) only
    byte[] done = hex(DONE);
    System.arraycopy(done, 0, buffer, 124, done.length); // stale, from an earlier recv()
    long[] counts = new long[TcpStates.FIELDS.length];

    assertThat(NetlinkTcpStates.parse(buffer, 124, SEQ, counts)).isFalse();

    assertThat(counts[10]).isEqualTo(1);
    assertThat(sum(counts)).isEqualTo(1);
  }

  @Test
  void anErrorAnswerFails() {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(36).putShort((short) NetlinkTcpStates.NLMSG_ERROR).putShort((short) 0);
    b.putInt(SEQ).putInt(0).putInt(-2); // -ENOENT, then the echoed request header
    byte[] error = b.array();

    assertThatThrownBy(
            () ->
                NetlinkTcpStates.parse(error, error.length, SEQ, new long[TcpStates.FIELDS.length]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("errno 2");
  }

  @Test
  void aTruncatedMessageFails() {
    byte[] answer = hex(ANSWER);

    assertThatThrownBy(
            () -> NetlinkTcpStates.parse(answer, 100, SEQ, new long[TcpStates.FIELDS.length]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed");
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
