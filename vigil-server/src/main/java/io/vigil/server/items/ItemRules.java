package io.vigil.server.items;

import io.vigil.model.AgentConfig;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns item requests into {@link StoredItem}s (validated against the catalog, secrets sealed) and
 * stored items back into what callers may see: masked for the API, clear only for the agent.
 */
@Component
class ItemRules {

  /** Shown instead of a secret value; sent back, it keeps the stored value. */
  static final String MASK = "******";

  private final CheckCatalog catalog;
  private final SecretBox secrets;

  ItemRules(CheckCatalog catalog, SecretBox secrets) {
    this.catalog = catalog;
    this.secrets = secrets;
  }

  CheckCatalog catalog() {
    return catalog;
  }

  /**
   * A complete item, validated. {@code previous} are the stored parameters a {@value #MASK} value
   * refers to (empty for a new item).
   */
  StoredItem build(
      String key,
      String kind,
      Integer intervalSeconds,
      Boolean enabled,
      Map<String, ?> params,
      Map<String, String> previous) {
    requireKey(key);
    int interval = interval(intervalSeconds, kind);
    Map<String, String> text = text(params);
    if (kind == null) {
      if (!catalog.isCollector(key)) {
        throw new InvalidInputException(
            "item "
                + key
                + " has no kind, so it must be a collector: one of "
                + catalog.collectorNames());
      }
      if (!text.isEmpty()) {
        throw new InvalidInputException("collector item " + key + " takes no params");
      }
      return new StoredItem(key, null, interval, enabled == null || enabled, Map.of());
    }
    CatalogKind catalogKind = kindOf(kind);
    if (catalog.isCollector(key)) {
      throw new InvalidInputException(
          "item key " + key + " is a collector name; give the check another key");
    }
    return new StoredItem(
        key, kind, interval, enabled == null || enabled, seal(catalogKind, text, previous));
  }

  static void requireKey(String key) {
    Names.requireIdentifier("item key", key);
  }

  CatalogKind kindOf(String kind) {
    return catalog
        .check(kind)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "unknown kind "
                        + kind
                        + "; known kinds: "
                        + catalog.checks().stream().map(CatalogKind::kind).toList()
                        + " (kind null for a collector)"));
  }

  int interval(Integer seconds, String kind) {
    if (seconds == null) {
      return catalog.defaultIntervalSeconds(kind);
    }
    if (seconds < AgentConfig.MIN_INTERVAL_SECONDS || seconds > AgentConfig.MAX_INTERVAL_SECONDS) {
      throw new InvalidInputException(
          "intervalSeconds must be between "
              + AgentConfig.MIN_INTERVAL_SECONDS
              + " and "
              + AgentConfig.MAX_INTERVAL_SECONDS
              + ", was "
              + seconds);
    }
    return seconds;
  }

  /** Parameter values as text: JSON strings, numbers and booleans are accepted. */
  static Map<String, String> text(Map<String, ?> params) {
    Map<String, String> text = new LinkedHashMap<>();
    if (params == null) {
      return text;
    }
    if (params.size() > AgentConfig.Item.MAX_PARAMS) {
      throw new InvalidInputException(
          "an item has at most " + AgentConfig.Item.MAX_PARAMS + " params");
    }
    for (Map.Entry<String, ?> p : params.entrySet()) {
      Object value = p.getValue();
      if (value != null
          && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new InvalidInputException("parameter " + p.getKey() + " must be text");
      }
      String s = value == null ? null : value.toString();
      if (s != null && s.length() > AgentConfig.Item.MAX_PARAM_LENGTH) {
        throw new InvalidInputException(
            "parameter "
                + p.getKey()
                + " is longer than "
                + AgentConfig.Item.MAX_PARAM_LENGTH
                + " characters");
      }
      text.put(p.getKey(), s);
    }
    return text;
  }

  private Map<String, String> seal(
      CatalogKind kind, Map<String, String> text, Map<String, String> previous) {
    Map<String, String> valid = ParamValidator.validate(kind, text);
    Map<String, String> stored = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : valid.entrySet()) {
      CatalogParam param = kind.param(p.getKey()).orElseThrow();
      if (!param.secret()) {
        stored.put(p.getKey(), p.getValue());
      } else if (p.getValue().equals(MASK)) {
        String kept = previous == null ? null : previous.get(p.getKey());
        if (!SecretBox.isSealed(kept)) {
          throw new InvalidInputException(
              "parameter " + p.getKey() + " has no stored value to keep; send the secret itself");
        }
        stored.put(p.getKey(), kept);
      } else {
        stored.put(p.getKey(), secrets.seal(p.getValue()));
      }
    }
    return stored;
  }

  /** The item as the API shows it: secret values masked. */
  ItemView view(StoredItem item) {
    return new ItemView(
        item.key(),
        item.kind(),
        item.kind() == null,
        item.intervalSeconds(),
        item.enabled(),
        masked(item.kind(), item.params()));
  }

  Map<String, String> masked(String kind, Map<String, String> params) {
    return transformSecrets(kind, params, false);
  }

  /** Parameters in clear, for the agent that runs the item only. */
  Map<String, String> plain(String kind, Map<String, String> params) {
    return transformSecrets(kind, params, true);
  }

  private Map<String, String> transformSecrets(
      String kind, Map<String, String> params, boolean open) {
    CatalogKind catalogKind = catalog.check(kind).orElse(null);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : params.entrySet()) {
      boolean secret =
          catalogKind == null
              ? SecretBox.isSealed(p.getValue())
              : catalogKind.param(p.getKey()).map(CatalogParam::secret).orElse(false);
      if (!secret) {
        out.put(p.getKey(), p.getValue());
      } else if (!open) {
        out.put(p.getKey(), MASK);
      } else if (SecretBox.isSealed(p.getValue())) {
        out.put(p.getKey(), secrets.open(p.getValue()));
      }
    }
    return out;
  }
}
