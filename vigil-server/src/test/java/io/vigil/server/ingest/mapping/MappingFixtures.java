package io.vigil.server.ingest.mapping;

import java.time.Duration;

/** The shipped mapping catalogues, as the server loads them, for tests of other packages. */
public final class MappingFixtures {

  private MappingFixtures() {}

  public static MappingCatalog catalog() {
    return new MappingCatalog(new MappingProperties(2000, 500, 500_000, Duration.ofHours(1)));
  }

  /** A catalogue that keeps at most {@code measurements} measurements as they came. */
  public static MappingCatalog catalog(int measurements, int columns) {
    return new MappingCatalog(
        new MappingProperties(measurements, columns, 500_000, Duration.ofHours(1)));
  }
}
