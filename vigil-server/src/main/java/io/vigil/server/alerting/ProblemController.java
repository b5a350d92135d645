package io.vigil.server.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.model.Severity;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Problems for people: the list with filters, one problem's history, acknowledging, closing. */
@RestController
@RequestMapping("/api/v1/problems")
class ProblemController {

  /** Body of acknowledging. */
  record AckRequest(String comment) {}

  /** Body of closing. */
  record CloseRequest(String reason) {}

  /** A problem as the API shows it; {@code events} only in the single-problem answer. */
  record ProblemView(
      long id,
      long ruleId,
      String rule,
      String host,
      Map<String, String> series,
      String severity,
      String status,
      long openedAt,
      long updatedAt,
      Long resolvedAt,
      Long closedAt,
      long durationMs,
      String text,
      Double value,
      String suppressed,
      String acknowledgedBy,
      Long acknowledgedAt,
      String ackComment,
      String closedBy,
      String closeReason,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ProblemRepository.ProblemEvent> events) {

    static ProblemView of(
        StoredProblem stored, long now, List<ProblemRepository.ProblemEvent> events) {
      Problem p = stored.problem();
      return new ProblemView(
          p.id(),
          p.ruleId(),
          p.ruleName(),
          p.hostKey(),
          p.series(),
          ProblemQuery.name(p.severity()),
          ProblemQuery.name(p.status()),
          p.openedAt(),
          stored.updatedAt(),
          p.resolvedAt(),
          stored.closedAt(),
          stored.durationMs(now),
          p.text(),
          Double.isFinite(p.value()) ? p.value() : null,
          p.suppressed(),
          p.acknowledgedBy(),
          stored.acknowledgedAt(),
          p.ackComment(),
          stored.closedBy(),
          stored.closeReason(),
          events);
    }
  }

  /** Counts and worst severities of the active problems. */
  record Summary(
      Map<String, Integer> bySeverity,
      Map<String, String> worstByHost,
      Map<String, String> worstByGroup) {}

  private final ProblemService service;
  private final ProblemRepository problems;
  private final ActiveProblems active;
  private final HostAccess hostAccess;

  ProblemController(
      ProblemService service,
      ProblemRepository problems,
      ActiveProblems active,
      HostAccess hostAccess) {
    this.service = service;
    this.problems = problems;
    this.active = active;
    this.hostAccess = hostAccess;
  }

  @GetMapping
  List<ProblemView> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String host,
      @RequestParam(required = false) String group,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(defaultValue = "" + ProblemQuery.DEFAULT_LIMIT) int limit,
      @RequestParam(required = false) Long before) {
    ProblemQuery query =
        new ProblemQuery(
            status,
            host,
            group,
            ProblemQuery.severity("severity", severity),
            q,
            from,
            to,
            limit,
            before);
    long now = System.currentTimeMillis();
    return scopedSearch(query).stream().map(p -> ProblemView.of(p, now, null)).toList();
  }

  /**
   * The query's problems that the caller may see: a scoped user naming another host gets 403;
   * otherwise pages are read until {@code limit} visible problems are found or none are left.
   */
  private List<StoredProblem> scopedSearch(ProblemQuery query) {
    HostScope scope = hostAccess.current();
    if (scope.all()) {
      return problems.search(query);
    }
    if (query.host() != null) {
      hostAccess.requireHost(query.host());
    }
    List<StoredProblem> visible = new ArrayList<>();
    ProblemQuery page = query;
    for (int round = 0; round < 50 && visible.size() < query.limit(); round++) {
      List<StoredProblem> found = problems.search(page);
      for (StoredProblem p : found) {
        if (scope.allows(p.problem().hostKey()) && visible.size() < query.limit()) {
          visible.add(p);
        }
      }
      if (found.size() < page.limit()) {
        break;
      }
      page =
          new ProblemQuery(
              query.status(),
              query.host(),
              query.group(),
              query.severity(),
              query.q(),
              query.from(),
              query.to(),
              ProblemQuery.MAX_LIMIT,
              found.getLast().problem().id());
    }
    return visible;
  }

  @GetMapping("/summary")
  Summary summary() {
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    HostScope scope = hostAccess.current();
    if (scope.all()) {
      active.countBySeverity().forEach((s, n) -> bySeverity.put(ProblemQuery.name(s), n));
    } else {
      for (Severity s : Severity.values()) {
        bySeverity.put(ProblemQuery.name(s), 0);
      }
      active.all().stream()
          .filter(p -> scope.allows(p.hostKey()))
          .forEach(p -> bySeverity.merge(ProblemQuery.name(p.severity()), 1, Integer::sum));
    }
    Map<String, Severity> worst = new LinkedHashMap<>(active.worstByHost());
    worst.keySet().removeIf(host -> !scope.allows(host));
    Map<String, String> worstByHost = new LinkedHashMap<>();
    worst.forEach((host, s) -> worstByHost.put(host, ProblemQuery.name(s)));
    Map<String, Severity> byGroup = new LinkedHashMap<>();
    if (!worst.isEmpty()) {
      problems
          .groupsByHost()
          .forEach(
              (host, groups) -> {
                Severity s = worst.get(host);
                if (s != null) {
                  groups.forEach(g -> byGroup.merge(g, s, (a, b) -> a.atLeast(b) ? a : b));
                }
              });
    }
    Map<String, String> worstByGroup = new LinkedHashMap<>();
    byGroup.forEach((g, s) -> worstByGroup.put(g, ProblemQuery.name(s)));
    return new Summary(bySeverity, worstByHost, worstByGroup);
  }

  @GetMapping("/{id}")
  ProblemView get(@PathVariable long id) {
    StoredProblem found = service.find(id);
    hostAccess.requireHost(found.problem().hostKey());
    return ProblemView.of(found, System.currentTimeMillis(), problems.events(id));
  }

  @PostMapping("/{id}/ack")
  ProblemView acknowledge(
      @PathVariable long id,
      @RequestBody(required = false) AckRequest request,
      Authentication caller) {
    hostAccess.requireHost(service.find(id).problem().hostKey());
    String comment = request == null ? null : request.comment();
    StoredProblem p = service.acknowledge(id, ProblemService.userName(caller), comment);
    return ProblemView.of(p, System.currentTimeMillis(), problems.events(id));
  }

  @PostMapping("/{id}/close")
  ProblemView close(
      @PathVariable long id,
      @RequestBody(required = false) CloseRequest request,
      Authentication caller) {
    hostAccess.requireHost(service.find(id).problem().hostKey());
    String reason = request == null ? null : request.reason();
    StoredProblem p = service.close(id, ProblemService.userName(caller), reason);
    return ProblemView.of(p, System.currentTimeMillis(), problems.events(id));
  }
}
