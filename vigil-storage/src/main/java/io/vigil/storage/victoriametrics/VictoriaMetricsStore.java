package io.vigil.storage.victoriametrics;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.model.Point;
import io.vigil.storage.AggregateQuery;
import io.vigil.storage.AggregateSeries;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.StoreUnavailableException;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote {@link MetricStore}: VictoriaMetrics (single node, or a cluster's vminsert and
 * vmselect) over HTTP, so a deployment that outgrows one machine keeps Vigil's nodes stateless.
 *
 * <p><b>Model.</b> Each field of a point is one Prometheus series {@code <measurement>:<field>}
 * labelled with the point's tags (see {@link SeriesNames}).
 *
 * <p><b>Writes</b> go to {@code /api/v1/import/prometheus} as text with millisecond timestamps,
 * gzip-compressed, split into requests of {@code maxRequestBytes}, each retried a bounded number of
 * times. {@link #write} returns once VictoriaMetrics answered 2xx for every request: it holds the
 * samples then, but <em>in memory for a few seconds</em> before they reach its disk (measured with
 * 1.79: lost on SIGKILL within 8 s, kept after 10 s; newer releases flush every {@code
 * -inmemoryDataFlushInterval}, 5 s). A restarted Vigil loses nothing it acknowledged; a crashed
 * VictoriaMetrics can lose those last seconds (a cluster with {@code -replicationFactor=2} survives
 * one vmstorage node's crash). Re-sent samples collapse into one only when VictoriaMetrics runs
 * with {@code -dedup.minScrapeInterval=1ms} (on vmselect and vmstorage in a cluster); {@link #open}
 * warns when it can see that flag is missing. A write that fails after its retries may have been
 * stored in part; the caller retries it whole.
 *
 * <p><b>Reads</b> are the Prometheus query API; see {@link RangeReader} and {@link InstantQueries}.
 * Values come back with VictoriaMetrics' precision, 12 significant digits.
 *
 * <p><b>Threads.</b> {@link #write} is for one writer thread; queries may run on any thread.
 */
public final class VictoriaMetricsStore implements MetricStore {

  private static final Logger LOG = LoggerFactory.getLogger(VictoriaMetricsStore.class);

  private final VictoriaMetricsSettings settings;
  private final VmClient client;
  private final Catalog catalog;
  private final ImportEncoder encoder;
  private final RangeReader ranges;
  private final InstantQueries instants;
  private volatile boolean closed;

  private VictoriaMetricsStore(VictoriaMetricsSettings settings) {
    this.settings = settings;
    this.client = new VmClient(settings);
    this.catalog = new Catalog(client, settings.catalogRefresh(), System::nanoTime);
    this.encoder = new ImportEncoder(settings.maxRequestBytes());
    this.ranges = new RangeReader(client);
    this.instants = new InstantQueries(client);
  }

  /**
   * Connects to VictoriaMetrics. An unreachable server does not stop the start (writes fail and are
   * retried by agents until it answers); it is logged, as is a missing de-duplication flag.
   */
  public static VictoriaMetricsStore open(VictoriaMetricsSettings settings) {
    VictoriaMetricsStore store = new VictoriaMetricsStore(settings);
    store.checkServer();
    return store;
  }

  @Override
  public void write(List<Point> points) {
    requireOpen();
    for (Point point : points) {
      if (!point.tags().containsKey(Point.HOST_TAG)) {
        throw new InvalidInputException(point.measurement() + ": point without host tag");
      }
    }
    if (points.isEmpty()) {
      return;
    }
    for (byte[] body : encoder.encode(points)) {
      client.importText(body);
    }
    catalog.noteWritten(points);
  }

  @Override
  public RangeResult range(RangeQuery query) {
    requireOpen();
    Catalog.Schema schema =
        catalog.require(query.measurement(), query.fields(), query.tags().keySet());
    return ranges.read(query, query.effectiveResolution(), schema);
  }

  /** A measurement, field or tag VictoriaMetrics does not have gives an empty series. */
  @Override
  public AggregateSeries aggregate(AggregateQuery query) {
    requireOpen();
    Catalog.Schema schema =
        catalog.find(query.measurement(), List.of(query.field()), query.tags().keySet());
    if (schema == null
        || !schema.fields().contains(query.field())
        || !schema.tags().containsAll(query.tags().keySet())) {
      return AggregateSeries.empty();
    }
    return ranges.aggregate(query);
  }

  @Override
  public List<Point> latest(String host, String measurement) {
    requireOpen();
    Names.requireTagValue(Point.HOST_TAG, host);
    Names.requireIdentifier("measurement", measurement);
    catalog.require(measurement, List.of(), List.of());
    return instants.latest(host, measurement, Instant.now(), settings.latestLookback());
  }

  @Override
  public List<TopEntry> top(TopQuery query) {
    requireOpen();
    catalog.require(query.measurement(), List.of(query.field()), query.tags().keySet());
    return instants.top(query);
  }

  /**
   * Totals per value of the group-by tag (see {@link InstantQueries#group}); a measurement, field,
   * tag or host VictoriaMetrics does not have matches nothing.
   */
  @Override
  public List<GroupRow> group(GroupQuery query) {
    requireOpen();
    Set<String> tags = new HashSet<>(query.tags().keySet());
    tags.add(query.groupBy());
    Catalog.Schema schema = catalog.find(query.measurement(), List.of(), tags);
    if (schema == null || !schema.tags().containsAll(tags)) {
      return List.of();
    }
    return instants.group(query);
  }

  @Override
  public List<String> measurements() {
    requireOpen();
    return catalog.measurements();
  }

  /**
   * What VictoriaMetrics reports as {@code vm_data_size_bytes} (data and index parts) on its {@code
   * metricsUrls}: a single node's size, or the sum of the vmstorage nodes listed.
   */
  @Override
  public long diskUsageBytes() {
    requireOpen();
    long total = 0;
    for (URI page : settings.metricsUrls()) {
      total += ServerPages.dataSizeBytes(client.text(page));
    }
    return total;
  }

  /** Bytes sent to the import API since the store opened, as sent (compressed): for benchmarks. */
  public long importedBytes() {
    return client.importedBytes();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      client.close();
    }
  }

  private void checkServer() {
    if (!client.healthy(settings.writeUrl())) {
      LOG.warn(
          "VictoriaMetrics at {} does not answer yet; ingest answers 503 (agents keep their"
              + " batches) until it does",
          settings.writeUrl());
      return;
    }
    LOG.info("Metrics stored in VictoriaMetrics: {}", settings);
    try {
      if (!ServerPages.deduplicates(client.text(settings.queryUrl().resolve("/flags")))) {
        LOG.warn(
            "VictoriaMetrics at {} runs without -dedup.minScrapeInterval: a batch an agent sends"
                + " again after a lost acknowledgement is stored twice and counted twice in sums"
                + " and averages. Start it (vmselect and vmstorage in a cluster) with"
                + " -dedup.minScrapeInterval=1ms",
            settings.queryUrl());
      }
    } catch (StoreUnavailableException e) {
      LOG.info("Cannot read VictoriaMetrics' flags to check de-duplication: {}", e.getMessage());
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("metric store is closed");
    }
  }
}
