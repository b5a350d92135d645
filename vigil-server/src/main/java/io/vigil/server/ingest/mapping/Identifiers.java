package io.vigil.server.ingest.mapping;

import io.vigil.model.Names;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns foreign names into Vigil identifiers ({@link Names#IDENTIFIER}: lower case letters, digits
 * and underscores, starting with a letter, at most 63 characters) for what is stored as it came:
 * upper case becomes lower case, every other character an underscore, runs of underscores one (the
 * store reserves {@code __}), a name not starting with a letter gets a prefix ({@code m_}, {@code
 * t_} or {@code f_}), and a measurement ending in {@code _1m} or {@code _1h} (the store's rollup
 * suffixes) gets {@code _x}. Results are cached, since the same few names arrive on every line.
 */
final class Identifiers {

  private static final int CACHE_LIMIT = 100_000;

  private final Map<String, String> measurements = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final Map<String, String> fields = new ConcurrentHashMap<>();

  String measurement(String name) {
    return cached(measurements, name, "m_", true);
  }

  String tag(String name) {
    return cached(tags, name, "t_", false);
  }

  String field(String name) {
    return cached(fields, name, "f_", false);
  }

  private static String cached(
      Map<String, String> cache, String name, String prefix, boolean measurement) {
    if (Names.isIdentifier(name) && !name.contains("__") && !(measurement && rollupLike(name))) {
      return name;
    }
    String known = cache.get(name);
    if (known != null) {
      return known;
    }
    String clean = sanitise(name, prefix, measurement);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear(); // a flood of ever-new names must not grow the cache without bound
    }
    cache.put(name, clean);
    return clean;
  }

  /** The identifier for {@code name}; see the class comment. */
  static String sanitise(String name, String prefix, boolean measurement) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), 64) + prefix.length());
    for (int i = 0; i < name.length() && out.length() < 64; i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        c = '_';
      }
      if (c == '_' && out.length() > 0 && out.charAt(out.length() - 1) == '_') {
        continue;
      }
      out.append(c);
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    if (out.isEmpty() || out.charAt(0) < 'a' || out.charAt(0) > 'z') {
      if (!out.isEmpty() && out.charAt(0) == '_') {
        out.deleteCharAt(0);
      }
      out.insert(0, out.isEmpty() ? prefix.substring(0, 1) : prefix);
    }
    if (out.length() > 63) {
      out.setLength(63);
      while (out.charAt(out.length() - 1) == '_') {
        out.setLength(out.length() - 1);
      }
    }
    if (measurement && rollupLike(out.toString())) {
      out.setLength(Math.min(out.length(), 61));
      while (out.charAt(out.length() - 1) == '_') {
        out.setLength(out.length() - 1);
      }
      out.append("_x");
    }
    return out.toString();
  }

  private static boolean rollupLike(String name) {
    return name.endsWith("_1m") || name.endsWith("_1h");
  }
}
