package io.vigil.agent.check.process;

import io.vigil.agent.collect.LinuxProcSource;
import java.util.List;

/** The processes of the host, as a {@link ProcessCheck} reads them. */
interface ProcessTable {

  List<LinuxProcSource.Process> processes();

  /** The arguments joined by spaces, empty for kernel threads, null when the process is gone. */
  String commandLine(int pid);

  /** The owning user's name, or the numeric uid; null when the process is gone. */
  String user(int pid);

  /** The agent's /proc reader. */
  static ProcessTable linux(long pageSize) {
    return of(LinuxProcSource.forChecks(pageSize));
  }

  /** A table over one /proc reader (used by one thread at a time). */
  static ProcessTable of(LinuxProcSource source) {
    return new ProcessTable() {
      @Override
      public List<LinuxProcSource.Process> processes() {
        return source.processes();
      }

      @Override
      public String commandLine(int pid) {
        return source.commandLine(pid);
      }

      @Override
      public String user(int pid) {
        return source.user(pid);
      }
    };
  }
}
