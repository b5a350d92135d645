package io.vigil.server.overview;

import io.vigil.model.Severity;
import io.vigil.server.alerting.ActiveProblems;
import io.vigil.server.alerting.Problem;
import io.vigil.server.auth.HostScope;
import io.vigil.server.inventory.HostFigures;
import io.vigil.server.inventory.HostPresence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The fleet at a glance: every host the caller may see with its worst active severity, filtered,
 * counted, sorted and paged on the server so a browser with a thousand hosts only ever holds a
 * page. Built from memory (presence, figures, active problems) plus three database reads.
 */
@Service
class OverviewService {

  /** One host on the overview. Severity {@code null} = no active problem. */
  record HostView(
      String key,
      String hostname,
      String os,
      boolean online,
      boolean agentless,
      String address,
      String worstSeverity,
      int problems,
      List<Long> groupIds,
      Map<String, String> tags,
      Double cpuPct,
      Double memPct,
      Double diskMaxPct) {

    /** {@code ok} for a host without active problems, else the severity's name. */
    String level() {
      return worstSeverity == null ? "ok" : worstSeverity;
    }
  }

  record HostPage(
      int total, int offset, int limit, Map<String, Integer> counts, List<HostView> hosts) {}

  record GroupView(
      long id,
      String name,
      List<String> path,
      int hostCount,
      String worstSeverity,
      Map<String, Integer> counts) {}

  private final OverviewRepository repository;
  private final ActiveProblems problems;
  private final HostPresence presence;
  private final HostFigures figures;

  OverviewService(
      OverviewRepository repository,
      ActiveProblems problems,
      HostPresence presence,
      HostFigures figures) {
    this.repository = repository;
    this.problems = problems;
    this.presence = presence;
    this.figures = figures;
  }

  HostPage hosts(HostScope scope, OverviewFilter filter, String sort, int offset, int limit) {
    List<HostView> all = visibleHosts(scope);
    Predicate<HostView> common = commonFilter(filter, groupFamily(filter.groupIds()));
    List<HostView> matching = all.stream().filter(common).toList();
    Map<String, Integer> counts = counts(matching);
    List<HostView> selected =
        new ArrayList<>(
            matching.stream()
                .filter(
                    h -> filter.severities().isEmpty() || filter.severities().contains(h.level()))
                .toList());
    selected.sort(comparator(sort));
    int from = Math.min(offset, selected.size());
    int to = Math.min(from + limit, selected.size());
    return new HostPage(selected.size(), offset, limit, counts, selected.subList(from, to));
  }

  List<GroupView> groups(HostScope scope) {
    List<HostView> hosts = visibleHosts(scope);
    Map<Long, List<HostView>> byGroup = new HashMap<>();
    for (HostView host : hosts) {
      for (long id : host.groupIds()) {
        byGroup.computeIfAbsent(id, g -> new ArrayList<>()).add(host);
      }
    }
    List<GroupView> result = new ArrayList<>();
    for (OverviewRepository.GroupRow group : repository.groups()) {
      if (!scope.allowsGroup(group.id())) {
        continue;
      }
      List<HostView> members = byGroup.getOrDefault(group.id(), List.of());
      Map<String, Integer> counts = counts(members);
      result.add(
          new GroupView(
              group.id(),
              group.name(),
              path(group.name()),
              members.size(),
              worst(members),
              counts));
    }
    return result;
  }

  /** "Europe/Paris" → [Europe, Paris]; empty segments are dropped. */
  static List<String> path(String name) {
    List<String> path = new ArrayList<>();
    for (String part : name.split("/")) {
      if (!part.isBlank()) {
        path.add(part.strip());
      }
    }
    return path.isEmpty() ? List.of(name) : path;
  }

  /** Every host the scope allows, with what the overview shows. */
  List<HostView> visibleHosts(HostScope scope) {
    Map<String, Severity> worst = problems.worstByHost();
    Map<String, Integer> problemCounts = new HashMap<>();
    for (Problem p : problems.all()) {
      problemCounts.merge(p.hostKey(), 1, Integer::sum);
    }
    Map<Long, List<Long>> memberships = repository.memberships();
    Map<Long, Map<String, String>> tags = repository.tags();
    List<HostView> result = new ArrayList<>();
    for (OverviewRepository.HostRow row : repository.hosts()) {
      if (!scope.allows(row.key())) {
        continue;
      }
      Severity severity = worst.get(row.key());
      HostFigures.Figures f = figures.of(row.key());
      result.add(
          new HostView(
              row.key(),
              row.hostname(),
              row.os(),
              presence.isOnline(row.key()),
              row.agentless(),
              row.address(),
              severity == null ? null : severity.name().toLowerCase(Locale.ROOT),
              problemCounts.getOrDefault(row.key(), 0),
              memberships.getOrDefault(row.id(), List.of()),
              tags.getOrDefault(row.id(), Map.of()),
              f.cpuPct(),
              f.memPct(),
              f.diskMaxPct()));
    }
    return result;
  }

  /** The groups and the groups below them in the "/" tree; null when no group filter is given. */
  private Set<Long> groupFamily(Set<Long> groupIds) {
    if (groupIds.isEmpty()) {
      return null;
    }
    List<OverviewRepository.GroupRow> groups = repository.groups();
    Set<Long> family = new HashSet<>(groupIds);
    for (OverviewRepository.GroupRow parentGroup : groups) {
      if (!groupIds.contains(parentGroup.id())) {
        continue;
      }
      List<String> parent = path(parentGroup.name());
      for (OverviewRepository.GroupRow g : groups) {
        List<String> p = path(g.name());
        if (p.size() > parent.size() && p.subList(0, parent.size()).equals(parent)) {
          family.add(g.id());
        }
      }
    }
    return family;
  }

  private static Predicate<HostView> commonFilter(OverviewFilter filter, Set<Long> groups) {
    return host ->
        (filter.online() == null || filter.online() == host.online())
            && (groups == null || host.groupIds().stream().anyMatch(groups::contains))
            && (filter.tagName() == null || hasTag(host, filter.tagName(), filter.tagValue()))
            && (filter.text() == null || matchesText(host, filter.text()));
  }

  private static boolean hasTag(HostView host, String name, String value) {
    String actual = host.tags().get(name);
    return actual != null && (value == null || value.equals(actual));
  }

  private static boolean matchesText(HostView host, String text) {
    if (contains(host.key(), text)
        || contains(host.hostname(), text)
        || contains(host.address(), text)
        || contains(host.os(), text)) {
      return true;
    }
    for (Map.Entry<String, String> tag : host.tags().entrySet()) {
      if (contains(tag.getKey() + ":" + tag.getValue(), text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String value, String text) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text);
  }

  /** Hosts per level (ok … critical) and offline hosts; every key present. */
  static Map<String, Integer> counts(List<HostView> hosts) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String level : OverviewFilter.LEVELS) {
      counts.put(level, 0);
    }
    counts.put("offline", 0);
    for (HostView host : hosts) {
      counts.merge(host.level(), 1, Integer::sum);
      if (!host.online()) {
        counts.merge("offline", 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String worst(List<HostView> hosts) {
    int worst = 0;
    for (HostView host : hosts) {
      worst = Math.max(worst, rank(host));
    }
    return worst == 0 ? null : OverviewFilter.LEVELS.get(worst);
  }

  /** 0 = ok … 5 = critical. */
  static int rank(HostView host) {
    return OverviewFilter.LEVELS.indexOf(host.level());
  }

  static Comparator<HostView> comparator(String sort) {
    Comparator<HostView> byKey = Comparator.comparing(HostView::key);
    return switch (sort) {
      case "name" ->
          Comparator.comparing((HostView h) -> h.hostname().toLowerCase(Locale.ROOT))
              .thenComparing(byKey);
      case "cpu" -> figure(HostView::cpuPct).thenComparing(byKey);
      case "mem" -> figure(HostView::memPct).thenComparing(byKey);
      case "disk" -> figure(HostView::diskMaxPct).thenComparing(byKey);
      default ->
          Comparator.comparingInt((HostView h) -> -rank(h))
              .thenComparing(h -> h.hostname().toLowerCase(Locale.ROOT))
              .thenComparing(byKey);
    };
  }

  /** Highest first, unknown last. */
  private static Comparator<HostView> figure(java.util.function.Function<HostView, Double> get) {
    return Comparator.comparing(get, Comparator.nullsLast(Comparator.reverseOrder()));
  }
}
