package io.vigil.agent.collect;

import java.util.ArrayList;
import java.util.List;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Portable process source through OSHI, for systems without a Linux {@code /proc}. */
final class OshiProcSource implements ProcSource {

  private final OperatingSystem os;

  OshiProcSource(OperatingSystem os) {
    this.os = os;
  }

  @Override
  public List<Snapshot> snapshot() {
    List<OSProcess> processes =
        os.getProcesses(
            OperatingSystem.ProcessFiltering.VALID_PROCESS,
            OperatingSystem.ProcessSorting.NO_SORTING,
            0);
    List<Snapshot> out = new ArrayList<>(processes.size());
    for (OSProcess p : processes) {
      out.add(
          new Snapshot(
              p.getProcessID(),
              p.getStartTime(),
              p.getName(),
              p.getKernelTime() + p.getUserTime(),
              p.getResidentMemory(),
              p.getBytesRead(),
              p.getBytesWritten()));
    }
    return out;
  }

  @Override
  public String user(int pid) {
    OSProcess p = os.getProcess(pid);
    return p == null ? null : p.getUser();
  }
}
