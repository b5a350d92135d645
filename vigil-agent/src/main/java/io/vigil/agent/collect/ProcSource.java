package io.vigil.agent.collect;

import java.util.List;

/** Where the process collector gets its per-process counters from. */
interface ProcSource {

  /**
   * One process at one instant.
   *
   * @param startTime when it started (any stable unit): with the pid, it identifies the process
   * @param cpuMillis user + system CPU time so far
   */
  record Snapshot(
      int pid,
      long startTime,
      String name,
      long cpuMillis,
      long rssBytes,
      long readBytes,
      long writeBytes) {}

  List<Snapshot> snapshot();

  /** The owning user's name, looked up only for the processes that are reported. */
  String user(int pid);
}
