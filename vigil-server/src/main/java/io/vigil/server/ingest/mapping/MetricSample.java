package io.vigil.server.ingest.mapping;

import java.util.Map;

/**
 * One sample of a Prometheus exposition, as parsed: before the samples are grouped into {@link
 * ForeignSample}s.
 *
 * @param metric the sample's name, e.g. {@code node_filesystem_size_bytes} or {@code x_bucket}
 * @param family the metric family it belongs to ({@code x} for {@code x_bucket} of histogram {@code
 *     x}); the measurement when no family group of a catalogue takes it
 * @param field the field it is stored as when no family group takes it: {@code value} for counters,
 *     gauges and untyped metrics, {@code sum}, {@code count} or {@code bucket} for the parts of
 *     summaries and histograms
 * @param labels its labels
 * @param value its value (finite)
 * @param timestamp its own timestamp in epoch millis, or 0 for the scrape's time
 */
public record MetricSample(
    String metric,
    String family,
    String field,
    Map<String, String> labels,
    double value,
    long timestamp) {}
