package io.vigil.server.reports;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Report schedules: CRUD and send-now. A new or re-timed schedule first sends when its next period
 * completes; send-now sends the last complete period at once.
 */
@RestController
@RequestMapping("/api/v1/reports/schedules")
class ReportScheduleController {

  private final ReportScheduleRepository schedules;
  private final ReportHosts hosts;
  private final ReportSender sender;
  private final HostAccess hostAccess;
  private final AuditLog audit;

  ReportScheduleController(
      ReportScheduleRepository schedules,
      ReportHosts hosts,
      ReportSender sender,
      HostAccess hostAccess,
      AuditLog audit) {
    this.schedules = schedules;
    this.hosts = hosts;
    this.sender = sender;
    this.hostAccess = hostAccess;
    this.audit = audit;
  }

  @GetMapping
  List<ReportSchedule> list() {
    HostScope scope = hostAccess.current();
    return schedules.list().stream().filter(s -> visible(s, scope)).toList();
  }

  @GetMapping("/{id}")
  ReportSchedule get(@PathVariable long id) {
    ReportSchedule s = find(id);
    if (!visible(s, hostAccess.current())) {
      throw ApiException.forbidden("This schedule reports on hosts outside your access.");
    }
    return s;
  }

  @PostMapping
  ResponseEntity<ReportSchedule> create(@RequestBody ReportSchedule body) {
    ReportSchedule s = validate(body, null);
    long now = System.currentTimeMillis();
    long start = ReportScheduler.currentPeriod(s, Instant.ofEpochMilli(now)).from().toEpochMilli();
    long id = schedules.insert(s, actor(), now, start);
    ReportSchedule created = find(id);
    audit.record("create", "report_schedule", created.name(), null, created);
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  @PutMapping("/{id}")
  ReportSchedule update(@PathVariable long id, @RequestBody ReportSchedule body) {
    ReportSchedule old = get(id);
    ReportSchedule s = validate(body, id);
    Long start = old.lastPeriodStart();
    if (!old.frequency().equals(s.frequency()) || !old.timeZone().equals(s.timeZone())) {
      start = ReportScheduler.currentPeriod(s, Instant.now()).from().toEpochMilli();
    }
    schedules.update(id, s, start);
    ReportSchedule updated = find(id);
    audit.record("update", "report_schedule", updated.name(), old, updated);
    return updated;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    ReportSchedule old = get(id);
    schedules.delete(id);
    audit.record("delete", "report_schedule", old.name(), old, null);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/send")
  Map<String, Object> send(@PathVariable long id) {
    ReportSchedule s = get(id);
    Instant now = Instant.now();
    String error = sender.send(s, ReportScheduler.currentPeriod(s, now), now);
    if (error != null) {
      throw new ApiException(HttpStatus.BAD_GATEWAY, "send_failed", error);
    }
    return Map.of("sent", true, "to", s.emails());
  }

  private ReportSchedule validate(ReportSchedule body, Long id) {
    if (body == null) {
      throw ApiException.badRequest("a schedule is required");
    }
    HostScope scope = hostAccess.current();
    if (!scope.all() && body.hosts().isEmpty() && body.groups().isEmpty()) {
      throw ApiException.badRequest("name hosts or groups: your access is scoped");
    }
    hosts.resolve(body.hosts(), body.groups(), scope);
    if (schedules.nameTaken(body.name(), id)) {
      throw ApiException.badRequest("a schedule named " + body.name() + " exists");
    }
    return body;
  }

  private static boolean visible(ReportSchedule s, HostScope scope) {
    if (scope.all()) {
      return true;
    }
    if (s.hosts().isEmpty() && s.groups().isEmpty()) {
      return false;
    }
    return s.hosts().stream().allMatch(scope::allows)
        && s.groups().stream().allMatch(scope::allowsGroup);
  }

  private ReportSchedule find(long id) {
    return schedules.find(id).orElseThrow(() -> ApiException.notFound("no report schedule " + id));
  }

  private static String actor() {
    var auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null ? null : Objects.toString(auth.getName(), null);
  }
}
