package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance windows: list, create (one-off or weekly) and delete; changes are audited. */
@RestController
@RequestMapping("/api/v1/maintenance")
class MaintenanceController {

  /** Where a window applies. */
  record Scope(String type, String value) {}

  /** Body of {@code POST}: either startsAt/endsAt or days/start/end(/timeZone). */
  record MaintenanceRequest(
      String name,
      Scope scope,
      Long startsAt,
      Long endsAt,
      String days,
      String start,
      String end,
      String timeZone) {}

  /** A window as the API shows it; {@code kind} is {@code once} or {@code weekly}. */
  record MaintenanceView(
      long id,
      String name,
      Scope scope,
      String kind,
      Long startsAt,
      Long endsAt,
      String days,
      String start,
      String end,
      String timeZone,
      String createdBy,
      long createdAt,
      boolean activeNow) {

    static MaintenanceView of(MaintenanceWindow w, long now) {
      MaintenanceSchedule s = w.schedule();
      return new MaintenanceView(
          w.id(),
          w.name(),
          new Scope(w.scopeType(), w.scopeValue()),
          s.weekly() ? "weekly" : "once",
          s.startsAt(),
          s.endsAt(),
          s.daysText(),
          s.start() == null ? null : s.start().toString(),
          s.end() == null ? null : s.end().toString(),
          s.zone() == null ? null : s.zone().getId(),
          w.createdBy(),
          w.createdAt(),
          s.covers(now));
    }
  }

  private final MaintenanceRepository windows;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  MaintenanceController(
      MaintenanceRepository windows, AuditLog audit, TransactionTemplate transactions) {
    this.windows = windows;
    this.audit = audit;
    this.transactions = transactions;
  }

  @GetMapping
  List<MaintenanceView> list() {
    long now = System.currentTimeMillis();
    return windows.findAll().stream().map(w -> MaintenanceView.of(w, now)).toList();
  }

  @PostMapping
  ResponseEntity<MaintenanceView> create(
      @RequestBody(required = false) MaintenanceRequest request, Authentication caller) {
    long now = System.currentTimeMillis();
    MaintenanceWindow draft = validate(request, ProblemService.userName(caller), now);
    MaintenanceView created =
        transactions.execute(
            status -> {
              long id = windows.insert(draft);
              MaintenanceView view = MaintenanceView.of(windows.find(id).orElseThrow(), now);
              audit.record("create", "maintenance_window", draft.name(), null, view);
              return view;
            });
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    long now = System.currentTimeMillis();
    transactions.executeWithoutResult(
        status -> {
          MaintenanceWindow old =
              windows
                  .find(id)
                  .orElseThrow(() -> ApiException.notFound("no maintenance window " + id));
          windows.delete(id);
          audit.record(
              "delete", "maintenance_window", old.name(), MaintenanceView.of(old, now), null);
        });
    return ResponseEntity.noContent().build();
  }

  static MaintenanceWindow validate(MaintenanceRequest request, String user, long now) {
    if (request == null) {
      throw new InvalidInputException("a body with name, scope and the schedule is needed");
    }
    if (request.scope() == null) {
      throw new InvalidInputException("scope is required: {\"type\":\"host\",\"value\":\"web-1\"}");
    }
    boolean weekly = request.days() != null || request.start() != null || request.end() != null;
    boolean once = request.startsAt() != null || request.endsAt() != null;
    if (weekly == once) {
      throw new InvalidInputException(
          "give either startsAt and endsAt (one-off) or days, start and end (weekly)");
    }
    MaintenanceSchedule schedule;
    if (weekly) {
      schedule =
          MaintenanceSchedule.weekly(
              request.days(), request.start(), request.end(), request.timeZone());
    } else {
      if (request.timeZone() != null) {
        throw new InvalidInputException("timeZone is only for weekly windows");
      }
      schedule = MaintenanceSchedule.once(request.startsAt(), request.endsAt());
      if (schedule.endsAt() <= now) {
        throw new InvalidInputException("endsAt must be in the future");
      }
    }
    String name = request.name() == null ? null : request.name().strip();
    String value = request.scope().value() == null ? null : request.scope().value().strip();
    return new MaintenanceWindow(0, name, request.scope().type(), value, schedule, user, now);
  }
}
