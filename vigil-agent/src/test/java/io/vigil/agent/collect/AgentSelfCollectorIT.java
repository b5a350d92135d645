package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/** The /proc/self/stat path of the agent's self figures against OSHI's process figures. */
class AgentSelfCollectorIT {

  @Test
  void procSelfStatAgreesWithOshi() {
    assumeTrue(LinuxProcSource.available());
    SystemInfo si = new SystemInfo();
    OperatingSystem os = si.getOperatingSystem();
    AgentSelfCollector direct =
        new AgentSelfCollector(
            os,
            () -> new AgentSelfCollector.TransportFigures(0, 0, 0, 0),
            si.getHardware().getMemory().getPageSize());
    AgentSelfCollector viaOshi =
        new AgentSelfCollector(os, () -> new AgentSelfCollector.TransportFigures(0, 0, 0, 0));
    List<Point> a = new ArrayList<>();
    List<Point> b = new ArrayList<>();

    direct.collect(System.currentTimeMillis(), System.nanoTime(), a);
    viaOshi.collect(System.currentTimeMillis(), System.nanoTime(), b);

    // Taken a moment apart: RSS within 8 MB, CPU time within 0.5 s (the OSHI call itself runs).
    assertThat(a.getFirst().fields().get("rss_bytes"))
        .isCloseTo(b.getFirst().fields().get("rss_bytes"), within(8e6));
    assertThat(a.getFirst().fields().get("cpu_time_s"))
        .isPositive()
        .isCloseTo(b.getFirst().fields().get("cpu_time_s"), within(0.5));
  }
}
