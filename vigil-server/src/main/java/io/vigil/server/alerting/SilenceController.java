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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Silences: list, create, expire; changes are audited. */
@RestController
@RequestMapping("/api/v1/silences")
class SilenceController {

  /** What a silence matches; every matcher is optional. */
  record Matchers(String host, String rule, String severityAtMost) {}

  /** Body of {@code POST}. */
  record SilenceRequest(Matchers matchers, Long endsAt, String comment) {}

  /** A silence as the API shows it. */
  record SilenceView(
      long id,
      Matchers matchers,
      long startsAt,
      long endsAt,
      String comment,
      String createdBy,
      long createdAt,
      boolean active) {

    static SilenceView of(Silence s, long now) {
      return new SilenceView(
          s.id(),
          new Matchers(s.host(), s.rule(), ProblemQuery.name(s.severityAtMost())),
          s.startsAt(),
          s.endsAt(),
          s.comment(),
          s.createdBy(),
          s.createdAt(),
          s.activeAt(now));
    }
  }

  private final SilenceRepository silences;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  SilenceController(SilenceRepository silences, AuditLog audit, TransactionTemplate transactions) {
    this.silences = silences;
    this.audit = audit;
    this.transactions = transactions;
  }

  @GetMapping
  List<SilenceView> list(@RequestParam(defaultValue = "false") boolean active) {
    long now = System.currentTimeMillis();
    return silences.findAll(active, now).stream().map(s -> SilenceView.of(s, now)).toList();
  }

  @PostMapping
  ResponseEntity<SilenceView> create(
      @RequestBody(required = false) SilenceRequest request, Authentication caller) {
    long now = System.currentTimeMillis();
    Silence draft = validate(request, ProblemService.userName(caller), now);
    SilenceView created =
        transactions.execute(
            status -> {
              long id = silences.insert(draft);
              SilenceView view = SilenceView.of(silences.find(id).orElseThrow(), now);
              audit.record("create", "silence", "silence " + id, null, view);
              return view;
            });
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  /** Expires the silence now; it stays listed (inactive) as a record. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> expire(@PathVariable long id) {
    long now = System.currentTimeMillis();
    transactions.executeWithoutResult(
        status -> {
          Silence old =
              silences.find(id).orElseThrow(() -> ApiException.notFound("no silence " + id));
          if (old.endsAt() > now) {
            silences.expire(id, now);
            audit.record(
                "update",
                "silence",
                "silence " + id,
                SilenceView.of(old, now),
                SilenceView.of(silences.find(id).orElseThrow(), now));
          }
        });
    return ResponseEntity.noContent().build();
  }

  static Silence validate(SilenceRequest request, String user, long now) {
    if (request == null) {
      throw new InvalidInputException("a body with matchers, endsAt and comment is needed");
    }
    Matchers m = request.matchers() == null ? new Matchers(null, null, null) : request.matchers();
    if (request.endsAt() == null) {
      throw new InvalidInputException("endsAt is required (epoch millis)");
    }
    if (request.endsAt() <= now) {
      throw new InvalidInputException("endsAt must be in the future");
    }
    String comment = request.comment() == null ? null : request.comment().strip();
    return new Silence(
        0,
        blankToNull(m.host()),
        blankToNull(m.rule()),
        ProblemQuery.severity("matchers.severityAtMost", blankToNull(m.severityAtMost())),
        now,
        request.endsAt(),
        comment,
        user,
        now);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
