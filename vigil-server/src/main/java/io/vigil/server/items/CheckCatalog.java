package io.vigil.server.items;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The item kinds: every {@code catalog/checks/*.yml} on the class path (shipped in vigil-checks)
 * and the collectors of {@code catalog/collectors.yml}. Discovered at start-up; a malformed file
 * fails the start.
 */
@Component
public class CheckCatalog {

  static final String CHECKS = "classpath*:catalog/checks/*.yml";
  static final String COLLECTORS = "catalog/collectors.yml";

  private final Map<String, CatalogKind> checks;
  private final Map<String, CatalogKind> collectors;
  private final int collectorIntervalSeconds;

  @Autowired
  CheckCatalog(ItemsProperties properties) {
    this(load(properties));
  }

  private CheckCatalog(Loaded loaded) {
    this.checks = loaded.checks;
    this.collectors = loaded.collectors;
    this.collectorIntervalSeconds = loaded.collectorIntervalSeconds;
  }

  /** The catalog as shipped, without server properties (for tests and tools). */
  public static CheckCatalog shipped() {
    return new CheckCatalog(load(new ItemsProperties(null)));
  }

  private record Loaded(
      Map<String, CatalogKind> checks,
      Map<String, CatalogKind> collectors,
      int collectorIntervalSeconds) {}

  private static Loaded load(ItemsProperties properties) {
    Map<String, CatalogKind> checks = new LinkedHashMap<>();
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(CHECKS);
      List<Resource> sorted = new ArrayList<>(List.of(files));
      sorted.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
      for (Resource file : sorted) {
        CatalogKind kind = parse(file);
        String expected = String.valueOf(file.getFilename()).replaceFirst("\\.yml$", "");
        if (!kind.kind().equals(expected)) {
          throw new IllegalStateException(
              "catalog file " + file.getFilename() + " describes kind " + kind.kind());
        }
        checks.put(kind.kind(), kind);
      }
      CatalogYaml.Collectors parsed;
      try (InputStream in = resource(COLLECTORS)) {
        parsed = CatalogYaml.collectors(in, properties);
      }
      for (CatalogKind collector : parsed.kinds()) {
        if (checks.containsKey(collector.kind())) {
          throw new IllegalStateException(collector.kind() + " is both a collector and a check");
        }
      }
      Map<String, CatalogKind> collectors = new LinkedHashMap<>();
      parsed.kinds().forEach(c -> collectors.put(c.kind(), c));
      return new Loaded(checks, collectors, parsed.intervalSeconds());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the check catalog", e);
    }
  }

  private static CatalogKind parse(Resource file) throws IOException {
    try (InputStream in = file.getInputStream()) {
      return CatalogYaml.kind(in);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "catalog file " + file.getFilename() + " is invalid: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = CheckCatalog.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is missing from the class path");
    }
    return in;
  }

  /** Check kinds then collectors. */
  public List<CatalogKind> all() {
    List<CatalogKind> all = new ArrayList<>(checks.values());
    all.addAll(collectors.values());
    return all;
  }

  public Optional<CatalogKind> check(String kind) {
    return Optional.ofNullable(kind == null ? null : checks.get(kind));
  }

  public Collection<CatalogKind> checks() {
    return checks.values();
  }

  /** Collector names in catalog order. */
  public List<String> collectorNames() {
    return List.copyOf(collectors.keySet());
  }

  public boolean isCollector(String key) {
    return collectors.containsKey(key);
  }

  /** The interval of a collector item that does not set one. */
  public int collectorIntervalSeconds() {
    return collectorIntervalSeconds;
  }

  /** The interval of an item of this kind (null for a collector) that does not set one. */
  public int defaultIntervalSeconds(String kind) {
    return check(kind).map(CatalogKind::defaultIntervalSeconds).orElse(collectorIntervalSeconds);
  }
}
