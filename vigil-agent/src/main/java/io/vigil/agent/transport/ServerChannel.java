package io.vigil.agent.transport;

import io.vigil.agent.config.CentralConfig;
import io.vigil.agent.spool.SequenceCounter;
import io.vigil.agent.spool.Spool;
import io.vigil.agent.spool.SpoolStats;
import io.vigil.agent.wire.AgentWire;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the agent keeps per server: token, sequence, spool and the sender thread. Batches are
 * numbered and written to the spool before any attempt to send them (architecture rule 1), so a
 * crash, an outage or a restart loses nothing that was spooled.
 */
public final class ServerChannel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerChannel.class);

  private final URI server;
  private final Spool spool;
  private final SequenceCounter sequence;
  private final Sender sender;
  private final AtomicReference<Inventory> pendingInventory = new AtomicReference<>();
  private volatile Inventory lastInventory;
  private Thread thread;

  public ServerChannel(
      URI server,
      Path dir,
      ChannelSettings settings,
      EnrolmentIdentity identity,
      CentralConfig config)
      throws IOException {
    this(server, dir, settings, identity, config, ServerTls.defaults());
  }

  public ServerChannel(
      URI server,
      Path dir,
      ChannelSettings settings,
      EnrolmentIdentity identity,
      CentralConfig config,
      ServerTls tls)
      throws IOException {
    this.server = server;
    this.spool =
        new Spool(
            dir.resolve("spool"),
            settings.spoolMaxBytes(),
            settings.spoolMaxAge(),
            settings.maxRejected(),
            java.time.Clock.systemUTC());
    this.sequence = new SequenceCounter(dir.resolve("sequence"), spool.highestSequence());
    this.sender =
        new Sender(
            new ServerClient(server, settings.connectTimeout(), settings.readTimeout(), tls),
            spool,
            sequence,
            new AgentTokenStore(dir.resolve("agent-token")),
            identity,
            config,
            settings,
            this::resendInventory);
  }

  /** True when this server has a stored agent token (no enrolment needed). */
  public boolean enrolled() throws IOException {
    return sender.tokens().load() != null;
  }

  public URI server() {
    return server;
  }

  /** The next batch carries this inventory (first batch after start, or after a change). */
  public void offerInventory(Inventory inventory) {
    lastInventory = inventory;
    pendingInventory.set(inventory);
  }

  private void resendInventory() {
    Inventory inventory = lastInventory;
    if (inventory != null) {
      pendingInventory.compareAndSet(null, inventory);
    }
  }

  /**
   * Numbers the points as this server's next batch and spools it.
   *
   * @return the sequence used, or 0 when there was nothing to send
   */
  public long append(List<Point> points, long sentAt) throws IOException {
    return append(points, List.of(), sentAt);
  }

  /**
   * Numbers the points and check results as this server's next batch and spools it.
   *
   * @return the sequence used, or 0 when there was nothing to send
   */
  public synchronized long append(List<Point> points, List<CheckResult> checks, long sentAt)
      throws IOException {
    Inventory inventory = pendingInventory.getAndSet(null);
    if (points.isEmpty() && checks.isEmpty() && inventory == null) {
      return 0;
    }
    long seq = sequence.peekNext();
    try {
      spool.append(seq, AgentWire.batchGzip(new Batch(seq, sentAt, inventory, points, checks)));
      sequence.commit(seq);
    } catch (IOException | RuntimeException e) {
      if (inventory != null) {
        pendingInventory.compareAndSet(null, inventory);
      }
      throw e;
    }
    sender.wake();
    return seq;
  }

  public void start() {
    thread = Thread.ofPlatform().name("sender-" + server.getHost()).daemon(true).unstarted(sender);
    thread.start();
  }

  public SpoolStats spoolStats() {
    return spool.stats();
  }

  public long sendErrors() {
    return sender.sendErrors();
  }

  public long lastSequence() {
    return sequence.last();
  }

  /** Stops the sender; whatever is spooled stays for the next start. */
  @Override
  public void close() {
    sender.stop();
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.warn("sender for {} did not stop within 5 s; its batch stays spooled", server);
      }
    }
  }
}
