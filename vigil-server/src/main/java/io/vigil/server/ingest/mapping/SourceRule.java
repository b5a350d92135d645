package io.vigil.server.ingest.mapping;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How samples of one source measurement become Vigil points: when it applies (fields that must be
 * present, tag values that must match) and what it makes — points, or nothing ({@code drop}).
 *
 * @param source the catalogue it belongs to, for messages
 * @param from the source measurement, e.g. Telegraf's {@code cpu}
 * @param requiredFields fields the sample must have (tells Telegraf's {@code cpu} from Glances')
 * @param requiredTags tag name → accepted values
 * @param tagPatterns tag name → a regular expression the whole value must match
 * @param drop true to store nothing of a matching sample
 * @param outputs the points a matching sample makes
 * @param ratedFields every field the outputs read through {@code rate()}, in a fixed order
 */
record SourceRule(
    String source,
    String from,
    Set<String> requiredFields,
    Map<String, Set<String>> requiredTags,
    Map<String, Pattern> tagPatterns,
    boolean drop,
    List<OutputRule> outputs,
    List<String> ratedFields) {

  SourceRule {
    requiredFields = Set.copyOf(requiredFields);
    requiredTags = Map.copyOf(requiredTags);
    tagPatterns = Map.copyOf(tagPatterns);
    outputs = List.copyOf(outputs);
    ratedFields = List.copyOf(ratedFields);
  }

  boolean matches(ForeignSample sample) {
    for (String field : requiredFields) {
      if (!sample.has(field)) {
        return false;
      }
    }
    for (Map.Entry<String, Set<String>> tag : requiredTags.entrySet()) {
      String value = sample.tags().get(tag.getKey());
      if (value == null || !tag.getValue().contains(value)) {
        return false;
      }
    }
    for (Map.Entry<String, Pattern> tag : tagPatterns.entrySet()) {
      String value = sample.tags().get(tag.getKey());
      if (value == null || !tag.getValue().matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }
}
