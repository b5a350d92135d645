package io.vigil.agent.collect;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Counts TCP sockets per state over {@code NETLINK_SOCK_DIAG}, as {@code ss} does. Reading {@code
 * /proc/net/tcp{,6}} makes the kernel walk its whole established hash table and format a text line
 * per socket (~9 ms per collection on a host with a 256k-bucket table and a handful of sockets);
 * the netlink dump returns one small binary record per socket instead.
 *
 * <p>One netlink socket is opened on first use and kept for the agent's lifetime; it is closed and
 * reopened after an error. Only the collection thread uses an instance.
 *
 * <p>Besides the per-state counts, {@link #sockets} lists the sockets with both ends, for checks
 * outside this package (who is connected to a port); an instance is used by one thread at a time.
 */
public class NetlinkTcpStates implements AutoCloseable {

  /** The kernel's number of the ESTABLISHED state ({@code TCP_ESTABLISHED}). */
  public static final int ESTABLISHED = 1;

  /**
   * One TCP socket from a dump. IPv4 and IPv4-mapped IPv6 ends are {@link java.net.Inet4Address}.
   *
   * @param state the kernel state number (1 = ESTABLISHED ... 12 = NEW_SYN_RECV)
   */
  public record TcpSocket(
      int state,
      InetAddress localAddress,
      int localPort,
      InetAddress remoteAddress,
      int remotePort) {}

  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int IPPROTO_TCP = 6;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;

  static final int NLMSG_HDRLEN = 16;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 0x1;
  private static final int NLM_F_DUMP = 0x300;

  /** nlmsghdr + inet_diag_req_v2 (family, protocol, ext, pad, states, 48-byte inet_diag_sockid). */
  static final int REQUEST_LENGTH = NLMSG_HDRLEN + 56;

  /**
   * States 1..12 (ESTABLISHED .. NEW_SYN_RECV): the sockets /proc/net/tcp lists. Bit 13
   * (TCP_BOUND_INACTIVE, kernel >= 6.8) would add bound-only sockets that /proc does not show.
   */
  static final int STATES = 0x1FFE;

  private static final int RECEIVE_BUFFER = 32 * 1024;

  /** libc through JNA direct mapping (JNA is on the classpath through OSHI). */
  private static final class LibC {
    static {
      Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int length)
        throws LastErrorException;

    static native NativeLong sendto(
        int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
        throws LastErrorException;

    static native NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags)
        throws LastErrorException;

    static native int close(int fd);
  }

  /** sockaddr_nl of the kernel: family AF_NETLINK, pid 0, groups 0. */
  private static final byte[] KERNEL_ADDRESS = new byte[12];

  static {
    ByteBuffer.wrap(KERNEL_ADDRESS).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK);
  }

  private final byte[] request = new byte[REQUEST_LENGTH];
  private final byte[] receive = new byte[RECEIVE_BUFFER];
  private final NativeLong receiveLength = new NativeLong(RECEIVE_BUFFER);
  private final NativeLong requestLength = new NativeLong(REQUEST_LENGTH);
  private int fd = -1;
  private int sequence;

  public NetlinkTcpStates() {}

  /** Whether this platform can have sock_diag at all (the socket itself may still be refused). */
  public static boolean supported() {
    return Platform.isLinux();
  }

  /**
   * Adds the TCP sockets of both address families to {@code counts} (indexed like {@link
   * TcpStates#FIELDS}). On failure {@code counts} may hold a partial count: the caller discards it.
   *
   * @throws IOException when netlink is unavailable or the dump failed
   */
  void count(long[] counts) throws IOException {
    try {
      if (fd < 0) {
        open();
      }
      dump(AF_INET, counts);
      dump(AF_INET6, counts);
    } catch (IOException e) {
      close();
      throw e;
    } catch (LastErrorException | LinkageError e) {
      // LinkageError: no libc to bind (JNA missing or not loadable on this platform)
      close();
      throw new IOException("sock_diag: " + e, e);
    }
  }

  /**
   * Adds the TCP sockets of both address families in one of {@code stateMask}'s states (bit N =
   * state N, e.g. {@code 1 << ESTABLISHED}) to {@code into}; with {@code localPort} > 0 only those
   * whose local port it is (the kernel dumps them all; the filter is applied here).
   *
   * @throws IOException when netlink is unavailable or the dump failed; {@code into} may then hold
   *     part of the answer
   */
  public void sockets(int stateMask, int localPort, List<TcpSocket> into) throws IOException {
    try {
      if (fd < 0) {
        open();
      }
      for (int family : new int[] {AF_INET, AF_INET6}) {
        int seq = ++sequence;
        encodeRequest(request, family, seq, stateMask);
        LibC.sendto(fd, request, requestLength, 0, KERNEL_ADDRESS, KERNEL_ADDRESS.length);
        while (true) {
          int n = LibC.recv(fd, receive, receiveLength, 0).intValue();
          if (n <= 0) {
            throw new IOException("sock_diag: the kernel closed the dump early");
          }
          if (parseSockets(receive, n, seq, localPort, into)) {
            break;
          }
        }
      }
    } catch (IOException e) {
      close();
      throw e;
    } catch (LastErrorException | LinkageError e) {
      close();
      throw new IOException("sock_diag: " + e, e);
    }
  }

  private void open() {
    int s = LibC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    try {
      // A dump is answered at once; the timeout only guards against a kernel that never answers.
      byte[] timeval = new byte[2 * NativeLong.SIZE];
      ByteBuffer tv = ByteBuffer.wrap(timeval).order(ByteOrder.nativeOrder());
      if (NativeLong.SIZE == 8) {
        tv.putLong(2); // tv_sec
      } else {
        tv.putInt(2);
      }
      LibC.setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, timeval, timeval.length);
    } catch (LastErrorException e) {
      LibC.close(s);
      throw e;
    }
    fd = s;
  }

  private void dump(int family, long[] counts) throws IOException {
    int seq = ++sequence;
    encodeRequest(request, family, seq);
    LibC.sendto(fd, request, requestLength, 0, KERNEL_ADDRESS, KERNEL_ADDRESS.length);
    while (true) {
      int n = LibC.recv(fd, receive, receiveLength, 0).intValue();
      if (n <= 0) {
        throw new IOException("sock_diag: the kernel closed the dump early");
      }
      if (parse(receive, n, seq, counts)) {
        return;
      }
    }
  }

  /** Writes a SOCK_DIAG_BY_FAMILY dump request for all TCP sockets of {@code family}. */
  static void encodeRequest(byte[] into, int family, int seq) {
    encodeRequest(into, family, seq, STATES);
  }

  /**
   * As {@link #encodeRequest(byte[], int, int)}, for the sockets in {@code states} (a bit mask).
   */
  static void encodeRequest(byte[] into, int family, int seq, int states) {
    ByteBuffer b = ByteBuffer.wrap(into).order(ByteOrder.nativeOrder());
    java.util.Arrays.fill(into, (byte) 0);
    b.putInt(REQUEST_LENGTH);
    b.putShort((short) SOCK_DIAG_BY_FAMILY);
    b.putShort((short) (NLM_F_REQUEST | NLM_F_DUMP));
    b.putInt(seq);
    b.putInt(0); // port id: filled in by the kernel
    b.put((byte) family);
    b.put((byte) IPPROTO_TCP);
    b.put((byte) 0); // no extensions: only the state is needed
    b.put((byte) 0);
    b.putInt(states);
    // inet_diag_sockid stays zero: no filter
  }

  /**
   * Receives each {@code inet_diag_msg} of a datagram: its offset (after the header) and length.
   */
  @FunctionalInterface
  private interface DiagMessageVisitor {
    void visit(int messageOffset, int messageLength) throws IOException;
  }

  /**
   * Walks the netlink messages of one received datagram, handing each {@code inet_diag_msg} of the
   * dump {@code seq} to the visitor.
   *
   * @return true when it ended with NLMSG_DONE for {@code seq}
   * @throws IOException on an NLMSG_ERROR answer or a malformed message
   */
  private static boolean walk(byte[] data, int length, int seq, DiagMessageVisitor visitor)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
    int offset = 0;
    while (offset + NLMSG_HDRLEN <= length) {
      int len = b.getInt(offset);
      int type = b.getShort(offset + 4) & 0xFFFF;
      int msgSeq = b.getInt(offset + 8);
      if (len < NLMSG_HDRLEN || offset + len > length) {
        throw new IOException("sock_diag: malformed netlink message (length " + len + ")");
      }
      if (msgSeq == seq) {
        if (type == NLMSG_DONE) {
          return true;
        }
        if (type == NLMSG_ERROR) {
          int errno = len >= NLMSG_HDRLEN + 4 ? -b.getInt(offset + NLMSG_HDRLEN) : 0;
          throw new IOException("sock_diag: the kernel answered errno " + errno);
        }
        if (type == SOCK_DIAG_BY_FAMILY) {
          visitor.visit(offset + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
        }
      } // else: a leftover of an earlier, abandoned dump
      offset += (len + 3) & ~3; // NLMSG_ALIGN
    }
    return false;
  }

  /**
   * Counts the {@code inet_diag_msg} records of one received datagram.
   *
   * @return true when it ended with NLMSG_DONE for {@code seq}
   * @throws IOException on an NLMSG_ERROR answer or a malformed message
   */
  static boolean parse(byte[] data, int length, int seq, long[] counts) throws IOException {
    return walk(
        data,
        length,
        seq,
        (msg, msgLength) -> {
          if (msgLength >= 2) {
            int state = data[msg + 1] & 0xFF; // inet_diag_msg.idiag_state
            if (state > 0 && state < counts.length) {
              counts[state]++;
            }
          }
        });
  }

  /**
   * Adds the sockets of one received datagram whose local port is {@code localPort} (any when 0).
   * An {@code inet_diag_msg} is family, state, timer, retrans, then {@code inet_diag_sockid}: sport
   * and dport (big-endian), src[16], dst[16] (network order; IPv4 in the first four bytes).
   *
   * @return true when it ended with NLMSG_DONE for {@code seq}
   * @throws IOException on an NLMSG_ERROR answer or a malformed message
   */
  static boolean parseSockets(byte[] data, int length, int seq, int localPort, List<TcpSocket> into)
      throws IOException {
    return walk(
        data,
        length,
        seq,
        (msg, msgLength) -> {
          if (msgLength < 40) {
            return;
          }
          int sport = ((data[msg + 4] & 0xFF) << 8) | (data[msg + 5] & 0xFF);
          if (localPort <= 0 || sport == localPort) {
            int family = data[msg] & 0xFF;
            int dport = ((data[msg + 6] & 0xFF) << 8) | (data[msg + 7] & 0xFF);
            into.add(
                new TcpSocket(
                    data[msg + 1] & 0xFF,
                    address(data, msg + 8, family),
                    sport,
                    address(data, msg + 24, family),
                    dport));
          }
        });
  }

  private static InetAddress address(byte[] data, int from, int family) throws IOException {
    int size = family == AF_INET ? 4 : 16;
    try {
      // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address
      return InetAddress.getByAddress(Arrays.copyOfRange(data, from, from + size));
    } catch (UnknownHostException e) {
      throw new IOException("sock_diag: bad address", e); // not reached: the length is 4 or 16
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      LibC.close(fd);
      fd = -1;
    }
  }
}
