package io.vigil.agent.transport;

import io.vigil.agent.config.CentralConfig;
import io.vigil.agent.spool.SequenceCounter;
import io.vigil.agent.spool.Spool;
import io.vigil.agent.spool.SpooledBatch;
import io.vigil.agent.wire.AgentWire;
import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.IngestAck;
import java.io.IOException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one server's spool: strictly in sequence order, one batch at a time, deleting files only
 * once the server acknowledged them. After an ack it goes straight on to the next batch, so an
 * agent catching up after an outage sends as fast as the server acknowledges.
 *
 * <p>When there is nothing to send for a heartbeat interval (every item collects less often than
 * the agent pushes), it re-sends its last acknowledged sequence with no data: the server
 * acknowledges it again without storing anything, and the answer carries the config version, so a
 * change made centrally reaches the agent within one push period whatever the items' intervals.
 * Nothing of it is spooled.
 */
final class Sender implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
  private static final long IDLE_WAIT_MILLIS = 1_000;

  private final ServerClient client;
  private final Spool spool;
  private final SequenceCounter sequence;
  private final AgentTokenStore tokens;
  private final EnrolmentIdentity identity;
  private final CentralConfig config;
  private final Runnable onReEnrolled;
  private final Backoff backoff;
  private final long heartbeatMillis;
  private long lastContact = System.currentTimeMillis();
  private final AtomicLong sendErrors = new AtomicLong();
  private final Object signal = new Object();
  private boolean work;
  private boolean reEnrolling;
  private volatile boolean running = true;
  private String token;
  private boolean tokenLoaded;

  Sender(
      ServerClient client,
      Spool spool,
      SequenceCounter sequence,
      AgentTokenStore tokens,
      EnrolmentIdentity identity,
      CentralConfig config,
      ChannelSettings settings,
      Runnable onReEnrolled) {
    this.client = client;
    this.spool = spool;
    this.sequence = sequence;
    this.tokens = tokens;
    this.identity = identity;
    this.config = config;
    this.onReEnrolled = onReEnrolled;
    this.backoff =
        new Backoff(settings.backoffBase(), settings.backoffCap(), new SplittableRandom());
    this.heartbeatMillis = settings.heartbeatInterval().toMillis();
  }

  AgentTokenStore tokens() {
    return tokens;
  }

  long sendErrors() {
    return sendErrors.get();
  }

  void wake() {
    synchronized (signal) {
      work = true;
      signal.notifyAll();
    }
  }

  void stop() {
    running = false;
    wake();
  }

  @Override
  public void run() {
    try {
      while (running) {
        try {
          if (!tokenLoaded) {
            token = tokens.load();
            tokenLoaded = true;
          }
          step();
        } catch (IOException e) {
          // Spool or token file trouble (disk full, permissions): keep trying, never die silently.
          if (running) {
            LOG.error(
                "sender for {}: state I/O failed ({}); retrying", client.base(), e.toString());
            pause();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void step() throws IOException, InterruptedException {
    if (token == null && !enrol()) {
      pause();
      return;
    }
    Optional<SpooledBatch> next = spool.oldest();
    if (next.isEmpty()) {
      if (System.currentTimeMillis() - lastContact >= heartbeatMillis && sequence.last() > 0) {
        heartbeat();
      }
      awaitWork();
      return;
    }
    SpooledBatch batch = next.get();
    IngestResult result = client.ingest(token, batch.gzipJson());
    switch (result) {
      case IngestResult.Acked(IngestAck ack) -> acked(batch, ack);
      case IngestResult.Rejected(int status, String message) -> {
        sendErrors.incrementAndGet();
        spool.reject(batch.sequence());
        LOG.error(
            "{} refused batch {} with HTTP {} ({}); moved it to {}/rejected and went on",
            client.base(),
            batch.sequence(),
            status,
            message,
            spool.directory());
      }
      case IngestResult.Unauthorized(int status, String message) -> unauthorized(status, message);
      case IngestResult.RetryLater(String reason, long retryAfterMillis) -> {
        sendErrors.incrementAndGet();
        if (backoff.failures() == 0) {
          LOG.warn("{} unavailable ({}); batches stay spooled, retrying", client.base(), reason);
        } else {
          LOG.debug("{} still unavailable: {}", client.base(), reason);
        }
        if (running) {
          // A server that says when to come back (rate limit, full queue) is believed, within
          // the back-off's bounds; silence or a broken connection backs off exponentially.
          Thread.sleep(
              retryAfterMillis > 0
                  ? backoff.delayAsToldMillis(retryAfterMillis)
                  : backoff.nextDelayMillis());
        }
      }
    }
  }

  private void heartbeat() throws InterruptedException {
    byte[] empty =
        AgentWire.batchGzip(new Batch(sequence.last(), System.currentTimeMillis(), null, null));
    lastContact = System.currentTimeMillis(); // once per interval, answered or not
    if (client.ingest(token, empty) instanceof IngestResult.Acked(IngestAck ack)) {
      onAckVersion(ack);
      rotateIfAsked(ack);
    }
  }

  /**
   * An admin asked for a new token: get it, store it (atomically, 0600) and use it from now on. The
   * old token keeps working on the server for a grace period, so a crash before the save only means
   * rotating again; a failure is retried on the next ack, which asks again.
   */
  private void rotateIfAsked(IngestAck ack) {
    if (!ack.rotateTokenRequested()) {
      return;
    }
    String fresh;
    try {
      fresh = client.rotateToken(token);
    } catch (IOException e) {
      LOG.warn("could not rotate the agent token with {}: {}", client.base(), e.toString());
      return;
    }
    try {
      tokens.save(fresh);
      LOG.info("rotated the agent token for {}; stored in {}", client.base(), tokens.file());
    } catch (IOException e) {
      LOG.error(
          "rotated the agent token for {} but could not store it in {} ({}); using it until "
              + "restart",
          client.base(),
          tokens.file(),
          e.toString());
    }
    token = fresh;
  }

  private void onAckVersion(IngestAck ack) throws InterruptedException {
    try {
      config.onAckVersion(
          client.base().toString(), ack.configVersion(), () -> client.fetchConfig(token));
    } catch (IOException e) {
      LOG.warn(
          "could not fetch config {} from {}: {}",
          ack.configVersion(),
          client.base(),
          e.toString());
    }
  }

  private void acked(SpooledBatch batch, IngestAck ack) throws IOException, InterruptedException {
    lastContact = System.currentTimeMillis();
    if (ack.ackSequence() < batch.sequence()) {
      // The server holds less than this batch: it was not stored. Keep it and try again.
      sendErrors.incrementAndGet();
      LOG.warn(
          "{} answered batch {} with ackSequence {}; keeping it spooled and retrying",
          client.base(),
          batch.sequence(),
          ack.ackSequence());
      pause();
      return;
    }
    if (ack.ackSequence() > sequence.last()) {
      LOG.warn(
          "{} acknowledged sequence {} beyond this agent's last {} (state dir replaced?); "
              + "continuing above it",
          client.base(),
          ack.ackSequence(),
          sequence.last());
      sequence.advanceTo(ack.ackSequence());
    }
    if (backoff.failures() > 0) {
      LOG.info("{} is back; sending the spooled batches", client.base());
    }
    backoff.reset();
    spool.acknowledge(ack.ackSequence());
    onAckVersion(ack);
    rotateIfAsked(ack);
  }

  private void unauthorized(int status, String message) throws IOException, InterruptedException {
    sendErrors.incrementAndGet();
    if (identity.canEnrol()) {
      LOG.warn(
          "{} refused the agent token (HTTP {} {}); enrolling again with the enrolment token",
          client.base(),
          status,
          message);
      tokens.forget();
      token = null;
      reEnrolling = true;
    } else if (backoff.failures() % 20 == 0) {
      LOG.error(
          "{} refused the agent token (HTTP {} {}). Batches keep spooling. To recover, restart "
              + "the agent with --enrol-token or --enrol-token-file holding a valid enrolment "
              + "token (or re-issue this agent's token on the server).",
          client.base(),
          status,
          message);
    }
    pause();
  }

  private boolean enrol() throws IOException, InterruptedException {
    if (!identity.canEnrol()) {
      LOG.error(
          "no agent token for {} and no enrolment token: start the agent with --enrol-token "
              + "or --enrol-token-file",
          client.base());
      return false;
    }
    try {
      Enrolment.Response response =
          client.enrol(
              new Enrolment.Request(
                  identity.enrolmentToken(), identity.hostname(), identity.machineId()));
      tokens.save(response.agentToken());
      token = response.agentToken();
      backoff.reset();
      LOG.info(
          "enrolled with {} as host {} (agent {}); token stored in {}",
          client.base(),
          response.hostKey(),
          response.agentId(),
          tokens.file());
      if (reEnrolling) {
        // The server may have re-created the host: tell it again what the host is.
        reEnrolling = false;
        onReEnrolled.run();
      }
      return true;
    } catch (EnrolmentRefusedException e) {
      sendErrors.incrementAndGet();
      LOG.error(
          "{} refused the enrolment token ({}). Ask an operator for a valid enrolment token "
              + "and restart the agent with it; batches keep spooling meanwhile.",
          client.base(),
          e.getMessage());
      return false;
    } catch (IOException e) {
      sendErrors.incrementAndGet();
      if (backoff.failures() == 0) {
        LOG.warn("cannot enrol with {} yet ({}); retrying", client.base(), e.toString());
      } else {
        LOG.debug("cannot enrol with {} yet: {}", client.base(), e.toString());
      }
      return false;
    }
  }

  private void pause() throws InterruptedException {
    if (running) {
      Thread.sleep(backoff.nextDelayMillis());
    }
  }

  private void awaitWork() throws InterruptedException {
    synchronized (signal) {
      if (!work && running) {
        signal.wait(IDLE_WAIT_MILLIS);
      }
      work = false;
    }
  }
}
