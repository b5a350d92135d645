package io.vigil.agent;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKinds;
import io.vigil.agent.check.CheckRunner;
import io.vigil.agent.cli.AgentOptions;
import io.vigil.agent.cli.OptionsException;
import io.vigil.agent.collect.AgentSelfCollector.TransportFigures;
import io.vigil.agent.collect.CollectionLoop;
import io.vigil.agent.collect.CollectorSet;
import io.vigil.agent.collect.InventoryCollector;
import io.vigil.agent.collect.LinuxProcSource;
import io.vigil.agent.config.CentralConfig;
import io.vigil.agent.spool.SpoolStats;
import io.vigil.agent.state.MachineId;
import io.vigil.agent.state.StateDir;
import io.vigil.agent.transport.ChannelSettings;
import io.vigil.agent.transport.EnrolmentIdentity;
import io.vigil.agent.transport.ServerChannel;
import io.vigil.model.CheckResult;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;

/**
 * The assembled agent: collectors and check items feeding one channel (spool + sender) per server.
 */
public final class Agent {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /** Check threads: enough that one slow check does not hold up the others, few for the RSS. */
  static final int CHECK_THREADS = 3;

  private final List<ServerChannel> channels = new ArrayList<>();
  private final CollectionLoop loop;
  private final CheckRunner checks;

  public Agent(AgentOptions options) throws IOException {
    StateDir state = new StateDir(options.stateDir());
    SystemInfo systemInfo = new SystemInfo();
    InventoryCollector inventory = new InventoryCollector(systemInfo, version());
    EnrolmentIdentity identity =
        new EnrolmentIdentity(
            options.enrolmentToken(), inventory.hostname(), MachineId.resolve(state));
    long pageSize = systemInfo.getHardware().getMemory().getPageSize();
    checks =
        new CheckRunner(
            CheckKinds.discovered(),
            new CheckContext(
                state.checksDir(),
                options.scriptDirs(),
                () -> LinuxProcSource.forChecks(pageSize),
                Clock.systemUTC()),
            CHECK_THREADS);
    CollectionLoop[] loopRef = new CollectionLoop[1];
    CentralConfig config = new CentralConfig(state.configFile(), c -> loopRef[0].applyConfig(c));
    for (URI server : options.servers()) {
      ServerChannel channel =
          new ServerChannel(
              server,
              state.serverDir(server),
              ChannelSettings.defaults(
                  options.spoolMaxBytes(), options.spoolMaxAge(), options.pushInterval()),
              identity,
              config,
              options.tls());
      if (!channel.enrolled() && !identity.canEnrol()) {
        throw new OptionsException(
            "not enrolled with " + server + " yet: give --enrol-token or --enrol-token-file");
      }
      channels.add(channel);
    }
    loop =
        new CollectionLoop(
            CollectorSet.all(systemInfo, this::figures),
            inventory::collect,
            new CollectionLoop.BatchSink() {
              @Override
              public void inventory(Inventory inv) {
                channels.forEach(c -> c.offerInventory(inv));
              }

              @Override
              public void push(List<Point> points, List<CheckResult> results, long sentAt) {
                spool(points, results, sentAt);
              }
            },
            options.pushInterval(),
            options.batchMaxPoints(),
            config.current(),
            checks);
    loopRef[0] = loop;
  }

  private void spool(List<Point> points, List<CheckResult> results, long sentAt) {
    for (ServerChannel channel : channels) {
      try {
        channel.append(points, results, sentAt);
      } catch (IOException e) {
        // A full or read-only disk for one server must not stop collection for the other.
        LOG.error("cannot spool a batch for {}: {}", channel.server(), e.toString());
      }
    }
  }

  private TransportFigures figures() {
    long batches = 0;
    long bytes = 0;
    long dropped = 0;
    long errors = 0;
    for (ServerChannel channel : channels) {
      SpoolStats s = channel.spoolStats();
      batches += s.batches();
      bytes += s.bytes();
      dropped += s.droppedTotal();
      errors += channel.sendErrors();
    }
    return new TransportFigures(batches, bytes, dropped, errors);
  }

  /** Runs on the calling thread until {@link #stop()}. */
  public void run() {
    channels.forEach(ServerChannel::start);
    LOG.info(
        "vigil-agent {} collecting for {}",
        version(),
        channels.stream().map(ServerChannel::server).toList());
    loop.run();
  }

  /** Stops collecting, spools what was collected, stops the senders. The spool survives. */
  public void stop(Thread runner) {
    loop.stop();
    try {
      runner.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checks.close();
    channels.forEach(ServerChannel::close);
    LOG.info("vigil-agent stopped; unsent batches stay in the spool");
  }

  static String version() {
    String v = Agent.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
