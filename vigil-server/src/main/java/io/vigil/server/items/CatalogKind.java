package io.vigil.server.items;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vigil.model.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An item kind of the catalog: a check kind (from {@code catalog/checks/<kind>.yml}) or a built-in
 * collector (from {@code catalog/collectors.yml}).
 *
 * @param kind identifier; for a collector, the item key
 * @param collector whether this is a built-in collector (items of kind {@code null})
 * @param label short name for the UI
 * @param description what it does
 * @param runsOn where it can run: {@code agent} and, for network checks, {@code server}
 * @param defaultIntervalSeconds the interval of an item that does not set one
 * @param params its parameters (none for a collector)
 * @param requireOneOf parameters of which an item must set at least one (empty for no such rule)
 * @param metrics the metric names its results carry
 */
public record CatalogKind(
    String kind,
    boolean collector,
    String label,
    String description,
    List<String> runsOn,
    int defaultIntervalSeconds,
    List<CatalogParam> params,
    List<String> requireOneOf,
    List<String> metrics) {

  public CatalogKind {
    Names.requireIdentifier("kind", kind);
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("kind " + kind + " has no label");
    }
    description = description == null ? "" : description.strip();
    runsOn = runsOn == null || runsOn.isEmpty() ? List.of("agent") : List.copyOf(runsOn);
    if (!Set.of("agent", "server").containsAll(runsOn)) {
      throw new IllegalArgumentException("kind " + kind + ": runsOn must be agent and/or server");
    }
    params = params == null ? List.of() : List.copyOf(params);
    requireOneOf = requireOneOf == null ? List.of() : List.copyOf(requireOneOf);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    Set<String> names = new HashSet<>();
    for (CatalogParam p : params) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("kind " + kind + " repeats parameter " + p.name());
      }
    }
    if (!names.containsAll(requireOneOf)) {
      throw new IllegalArgumentException("kind " + kind + ": requireOneOf names unknown params");
    }
    if (collector && !params.isEmpty()) {
      throw new IllegalArgumentException("collector " + kind + " cannot have parameters");
    }
    metrics.forEach(m -> Names.requireIdentifier("metric", m));
  }

  public Optional<CatalogParam> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Whether an item of this kind can run on the server (for a host without an agent). */
  @JsonIgnore
  public boolean runsOnServer() {
    return runsOn.contains("server");
  }
}
