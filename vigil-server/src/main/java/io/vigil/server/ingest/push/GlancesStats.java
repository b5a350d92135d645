package io.vigil.server.ingest.push;

import io.vigil.server.ingest.mapping.ForeignSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Glances' RESTful exporter POSTs every refresh — one object per plugin, list plugins
 * flattened as {@code "<item>.<field>"} with {@code "<item>.key"} naming the field that identifies
 * the item — turned into the samples its InfluxDB exporter would write for the same stats, so one
 * mapping catalogue serves both: a plugin object becomes one sample of measurement = plugin name; a
 * list plugin one sample per item, tagged with its key field ({@code network}: {@code
 * interface_name=eth0}). Numbers and booleans are numbers, strings stay strings (a mapping may read
 * them), nulls, nested objects and arrays are skipped.
 */
final class GlancesStats {

  /** One plugin's samples, for messages. */
  record PluginSample(String plugin, ForeignSample sample) {}

  private GlancesStats() {}

  /** The host name Glances reports in its {@code system} plugin, or null. */
  static String hostname(JsonNode stats) {
    JsonNode name = stats.path("system").path("hostname");
    return name.isString() ? name.asString() : null;
  }

  static List<PluginSample> samples(JsonNode stats, long timestamp) {
    List<PluginSample> samples = new ArrayList<>();
    if (!stats.isObject()) {
      return samples;
    }
    for (Map.Entry<String, JsonNode> plugin : stats.properties()) {
      if (!plugin.getValue().isObject() || plugin.getValue().isEmpty()) {
        continue;
      }
      JsonNode fields = plugin.getValue();
      List<String> items = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : fields.properties()) {
        String name = field.getKey();
        if (name.endsWith(".key") && name.length() > 4 && field.getValue().isString()) {
          items.add(name.substring(0, name.length() - 4));
        }
      }
      if (items.isEmpty()) {
        samples.add(
            new PluginSample(
                plugin.getKey(), sample(plugin.getKey(), fields, "", null, timestamp)));
        continue;
      }
      for (String item : items) {
        String keyField = fields.get(item + ".key").asString();
        samples.add(
            new PluginSample(
                plugin.getKey(), sample(plugin.getKey(), fields, item + ".", keyField, timestamp)));
      }
    }
    return samples;
  }

  /**
   * The sample of the fields under {@code prefix} (all for ""), tagged with {@code keyField}'s
   * value when given.
   */
  private static ForeignSample sample(
      String plugin, JsonNode fields, String prefix, String keyField, long timestamp) {
    Map<String, String> tags = new HashMap<>(4);
    Map<String, Double> numbers = new HashMap<>(32);
    Map<String, String> texts = new HashMap<>(8);
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      String name = field.getKey();
      if (!name.startsWith(prefix)) {
        continue;
      }
      name = name.substring(prefix.length());
      if (name.isEmpty() || (!prefix.isEmpty() && name.contains(".")) || name.equals("key")) {
        continue;
      }
      JsonNode value = field.getValue();
      if (name.equals(keyField)) {
        String text = text(value);
        if (text != null) {
          tags.put(name, text);
        }
      } else if (value.isNumber()) {
        numbers.put(name, value.asDouble());
      } else if (value.isBoolean()) {
        numbers.put(name, value.asBoolean() ? 1.0 : 0.0);
      } else if (value.isString()) {
        texts.put(name, value.asString());
      }
    }
    return new ForeignSample(plugin, tags, numbers, texts, timestamp);
  }

  private static String text(JsonNode value) {
    if (value.isString()) {
      return value.asString();
    }
    if (value.isIntegralNumber()) {
      return Long.toString(value.asLong());
    }
    if (value.isNumber()) {
      double number = value.asDouble();
      return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
    return null;
  }
}
