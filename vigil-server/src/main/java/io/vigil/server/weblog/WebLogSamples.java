package io.vigil.server.weblog;

import io.vigil.model.CheckResult;
import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps a bounded history of the 5xx sample lines that {@code weblog} check results carry in their
 * details: taken from stored batches on the writer thread into a bounded queue, written to table
 * {@code weblog_samples} every {@code vigil.weblog.save-interval} off that thread, and trimmed to
 * the newest {@code vigil.weblog.samples-per-log} lines per host and item.
 */
@Component
class WebLogSamples implements IngestListener {

  static final String KIND = "weblog";

  /** Results waiting for the next save; beyond it new ones are dropped (and counted). */
  static final int MAX_PENDING = 10_000;

  private static final Logger log = LoggerFactory.getLogger(WebLogSamples.class);

  private final WebLogSampleRepository repository;
  private final int keep;
  private final ConcurrentLinkedQueue<WebLogSampleRepository.Sample> pending =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private long droppedLogged;

  WebLogSamples(WebLogSampleRepository repository, WebLogProperties properties) {
    this.repository = repository;
    this.keep = properties.samplesPerLog();
  }

  /** On the store's writer thread: queues the results that carry lines, nothing more. */
  @Override
  public void onStored(StoredBatch batch) {
    for (CheckResult result : batch.checks()) {
      if (!KIND.equals(result.kind()) || result.details().isEmpty()) {
        continue;
      }
      if (pendingCount.incrementAndGet() > MAX_PENDING) {
        pendingCount.decrementAndGet();
        dropped.incrementAndGet();
        continue;
      }
      pending.add(
          new WebLogSampleRepository.Sample(
              batch.hostKey(), result.item(), result.timestamp(), result.details()));
    }
  }

  /** Sample results dropped because too many waited for a save. */
  long dropped() {
    return dropped.get();
  }

  @Scheduled(
      fixedDelayString = "${vigil.weblog.save-interval:5s}",
      initialDelayString = "${vigil.weblog.save-interval:5s}")
  @PreDestroy
  synchronized void save() {
    // One entry per host, item and run: a result received twice is stored once.
    Map<List<Object>, WebLogSampleRepository.Sample> batch = new LinkedHashMap<>();
    WebLogSampleRepository.Sample sample;
    while ((sample = pending.poll()) != null) {
      pendingCount.decrementAndGet();
      batch.put(List.of(sample.hostKey(), sample.item(), sample.at()), sample);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      repository.save(new ArrayList<>(batch.values()), keep);
    } catch (RuntimeException e) {
      log.warn("Could not save {} web-log sample runs; retrying at the next save", batch.size(), e);
      for (WebLogSampleRepository.Sample again : batch.values()) {
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
          pendingCount.decrementAndGet();
          dropped.incrementAndGet();
        } else {
          pending.add(again);
        }
      }
    }
    long lost = dropped.get();
    if (lost > droppedLogged) {
      log.warn(
          "{} web-log sample runs were dropped so far: more arrived than could be saved", lost);
      droppedLogged = lost;
    }
  }
}
