package io.vigil.server.overview;

import io.vigil.model.Names;
import io.vigil.server.web.ApiException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/overview/hosts}, validated.
 *
 * @param text free text (lower case), matched against key, host name, address, OS and tags; or null
 * @param online true/false for status online/offline, or null for both
 * @param severities wanted severity levels ({@code ok} = no active problem); empty = all
 * @param groupIds groups whose hosts (and whose sub-groups' hosts) are wanted; empty = any
 * @param tagName a tag the host must have, or null
 * @param tagValue the value that tag must have, or null for any value
 */
record OverviewFilter(
    String text,
    Boolean online,
    Set<String> severities,
    Set<Long> groupIds,
    String tagName,
    String tagValue) {

  /** Severity levels, best to worst, as the API spells them. */
  static final List<String> LEVELS = List.of("ok", "info", "warning", "minor", "major", "critical");

  OverviewFilter {
    severities = Set.copyOf(severities);
    groupIds = Set.copyOf(groupIds);
  }

  static OverviewFilter parse(String q, String status, String severity, String group, String tag) {
    String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
    if (text != null && text.length() > 200) {
      throw ApiException.badRequest("q may be at most 200 characters");
    }
    Boolean online =
        switch (status == null ? "" : status.strip()) {
          case "" -> null;
          case "online" -> true;
          case "offline" -> false;
          default -> throw ApiException.badRequest("status must be online or offline");
        };
    Set<String> severities = new LinkedHashSet<>();
    if (severity != null && !severity.isBlank()) {
      for (String level : Arrays.asList(severity.split(","))) {
        String s = level.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(s)) {
          throw ApiException.badRequest("severity must be a list of " + String.join(", ", LEVELS));
        }
        severities.add(s);
      }
    }
    String tagName = null;
    String tagValue = null;
    if (tag != null && !tag.isBlank()) {
      int colon = tag.indexOf(':');
      tagName = colon < 0 ? tag.strip() : tag.substring(0, colon).strip();
      tagValue = colon < 0 ? null : tag.substring(colon + 1);
      if (!Names.isIdentifier(tagName)) {
        throw ApiException.badRequest("tag filters look like name:value or name, got " + tag);
      }
    }
    return new OverviewFilter(text, online, severities, groupIds(group), tagName, tagValue);
  }

  /** "3" or "3,7,9": at most 200 ids. */
  private static Set<Long> groupIds(String group) {
    Set<Long> ids = new LinkedHashSet<>();
    if (group == null || group.isBlank()) {
      return ids;
    }
    String[] parts = group.split(",");
    if (parts.length > 200) {
      throw ApiException.badRequest("at most 200 groups in one filter");
    }
    for (String part : parts) {
      try {
        ids.add(Long.parseLong(part.strip()));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("group must be a list of host group ids, got " + group);
      }
    }
    return ids;
  }
}
