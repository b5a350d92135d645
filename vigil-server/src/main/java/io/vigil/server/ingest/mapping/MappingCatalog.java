package io.vigil.server.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The mapping catalogues ({@code classpath*:catalog/ingest/*.yml}, read at start; a malformed one
 * fails the start) and the mappers built from them, which share one memory of counters and one
 * registry of the measurements stored as they came.
 */
@Component
public class MappingCatalog {

  static final String LOCATION = "classpath*:catalog/ingest/*.yml";

  private final List<Source> sources;
  private final Map<String, SampleMapper> bySource = new HashMap<>();
  private final SampleMapper anyLineSource;
  private final SampleMapper prometheus;
  private final List<FamilyGroup> families;
  private final CounterMemory counters;
  private final MappingProperties properties;

  @Autowired
  MappingCatalog(MappingProperties properties) {
    this(load(), properties);
  }

  MappingCatalog(List<Source> sources, MappingProperties properties) {
    this.sources = List.copyOf(sources);
    this.properties = properties;
    this.counters = new CounterMemory(properties.maxCounterSeries());
    Identifiers names = new Identifiers();
    ColumnRegistry columns =
        new ColumnRegistry(properties.maxMeasurements(), properties.maxColumnsPerMeasurement());
    for (Source source : sources) {
      bySource.put(
          source.name(), new SampleMapper(List.of(source), source, names, counters, columns));
    }
    this.anyLineSource = new SampleMapper(of(Source.Protocol.LINE), null, names, counters, columns);
    this.prometheus =
        new SampleMapper(of(Source.Protocol.PROMETHEUS), null, names, counters, columns);
    List<FamilyGroup> groups = new ArrayList<>();
    of(Source.Protocol.PROMETHEUS).forEach(source -> groups.addAll(source.families()));
    this.families = List.copyOf(groups);
  }

  private List<Source> of(Source.Protocol protocol) {
    return sources.stream().filter(s -> s.protocol() == protocol).toList();
  }

  /**
   * The mapper for InfluxDB line protocol written to {@code database} (a v1 database or v2 bucket):
   * that source's catalogue alone when one is named so ({@code telegraf}, {@code glances}), else
   * every line-protocol catalogue.
   */
  public SampleMapper lineProtocol(String database) {
    SampleMapper named = database == null ? null : bySource.get(database);
    return named != null && sourceNamed(database).orElseThrow().protocol() == Source.Protocol.LINE
        ? named
        : anyLineSource;
  }

  /** The mapper for Glances' own catalogue (its RESTful exporter). */
  public SampleMapper glances() {
    return Optional.ofNullable(bySource.get("glances"))
        .orElseThrow(() -> new IllegalStateException("catalog/ingest/glances.yml is missing"));
  }

  /** The mapper for scraped Prometheus expositions. */
  public SampleMapper prometheus() {
    return prometheus;
  }

  /** The names of the line-protocol catalogues, e.g. for InfluxDB's {@code SHOW DATABASES}. */
  public List<String> lineSourceNames() {
    return of(Source.Protocol.LINE).stream().map(Source::name).toList();
  }

  /**
   * The tags that name the host in a source's data when the configured host tag is absent (Glances'
   * {@code hostname}), for {@code database} as in {@link #lineProtocol}.
   */
  public List<String> fallbackHostTags(String database) {
    Optional<Source> named = database == null ? Optional.empty() : sourceNamed(database);
    List<Source> candidates = named.map(List::of).orElseGet(() -> of(Source.Protocol.LINE));
    return candidates.stream().map(Source::hostTag).filter(t -> t != null).distinct().toList();
  }

  private Optional<Source> sourceNamed(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * Groups the samples of one scrape into foreign samples: the metrics a catalogue's family group
   * takes become fields of its measurement (one sample per label set), every other metric is its
   * family's measurement with the field the parser chose. Samples without their own timestamp get
   * {@code scrapeTime}.
   */
  public List<ForeignSample> group(List<MetricSample> scraped, long scrapeTime) {
    Map<GroupKey, Map<String, Double>> grouped = new LinkedHashMap<>();
    Map<GroupKey, Map<String, Double>> totals = new LinkedHashMap<>();
    for (MetricSample sample : scraped) {
      long timestamp = sample.timestamp() > 0 ? sample.timestamp() : scrapeTime;
      FamilyGroup group = null;
      String field = null;
      for (FamilyGroup candidate : families) {
        field = candidate.field(sample.metric());
        if (field != null) {
          group = candidate;
          break;
        }
      }
      if (group == null) {
        add(
            grouped,
            new GroupKey(sample.family(), sample.labels(), timestamp),
            sample.field(),
            sample.value());
        continue;
      }
      Map<String, String> labels = sample.labels();
      if (group.fieldFromLabel() != null) {
        String named = labels.get(group.fieldFromLabel());
        if (named == null) {
          continue;
        }
        field = named;
        labels = new LinkedHashMap<>(labels);
        labels.remove(group.fieldFromLabel());
      }
      add(grouped, new GroupKey(group.measurement(), labels, timestamp), field, sample.value());
      if (group.totalLabel() != null && labels.containsKey(group.totalLabel())) {
        Map<String, String> total = new LinkedHashMap<>(labels);
        total.put(group.totalLabel(), group.totalValue());
        totals
            .computeIfAbsent(
                new GroupKey(group.measurement(), total, timestamp), k -> new HashMap<>())
            .merge(field, sample.value(), Double::sum);
      }
    }
    totals.forEach((key, fields) -> grouped.putIfAbsent(key, fields));
    List<ForeignSample> samples = new ArrayList<>(grouped.size());
    grouped.forEach(
        (key, fields) ->
            samples.add(
                new ForeignSample(
                    key.measurement(), key.labels(), fields, Map.of(), key.timestamp())));
    return samples;
  }

  private static void add(
      Map<GroupKey, Map<String, Double>> grouped, GroupKey key, String field, double value) {
    grouped.computeIfAbsent(key, k -> new HashMap<>()).put(field, value);
  }

  private record GroupKey(String measurement, Map<String, String> labels, long timestamp) {}

  /** Forgets counters of series that stopped reporting, so the memory holds live series only. */
  @Scheduled(fixedDelayString = "60s")
  void forgetOldCounters() {
    counters.forgetOlderThan(System.currentTimeMillis() - properties.counterTimeout().toMillis());
  }

  private static List<Source> load() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      Arrays.sort(files, Comparator.comparing(Resource::getFilename));
      List<Source> sources = new ArrayList<>();
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          sources.add(MappingYaml.read(in, file.getFilename()));
        }
      }
      long distinct = sources.stream().map(Source::name).distinct().count();
      if (distinct != sources.size()) {
        throw new IllegalStateException("two mapping catalogues have the same source name");
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LOCATION, e);
    }
  }
}
