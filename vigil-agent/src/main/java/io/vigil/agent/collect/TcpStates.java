package io.vigil.agent.collect;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Counts TCP sockets per state from the Linux {@code /proc/net/tcp} format: the fourth column
 * ({@code st}) is the state in hex. Reading the table ourselves avoids building one OSHI connection
 * object per socket, which matters on hosts with many connections.
 */
public final class TcpStates {

  /** Field names indexed by the Linux state number (include/net/tcp_states.h). */
  static final String[] FIELDS = {
    null,
    "established",
    "syn_sent",
    "syn_recv",
    "fin_wait1",
    "fin_wait2",
    "time_wait",
    "close",
    "close_wait",
    "last_ack",
    "listen",
    "closing",
    "syn_recv" // 0x0C TCP_NEW_SYN_RECV: a request socket, counted as syn_recv
  };

  private TcpStates() {}

  /** Adds the sockets of one table to {@code counts} (indexed like {@link #FIELDS}). */
  public static void count(BufferedReader table, long[] counts) throws IOException {
    String line = table.readLine(); // header
    while ((line = table.readLine()) != null) {
      int state = stateOf(line);
      if (state > 0 && state < FIELDS.length) {
        counts[state]++;
      }
    }
  }

  /** The hex state in the 4th whitespace-separated column, or -1. */
  static int stateOf(String line) {
    int column = 0;
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < n && line.charAt(i) != ' ') {
        i++;
      }
      if (start == i) {
        return -1;
      }
      if (++column == 4) {
        try {
          return Integer.parseInt(line, start, i, 16);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}
