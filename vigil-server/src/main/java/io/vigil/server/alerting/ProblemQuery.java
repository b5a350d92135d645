package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.model.Severity;
import java.util.Locale;

/**
 * A validated filter of {@code GET /api/v1/problems}; every field but {@code limit} is optional.
 *
 * @param status open, acknowledged, resolved, closed or active (open or acknowledged)
 * @param host the host key
 * @param group a host group's name: problems of its member hosts
 * @param severity problems at least this severe
 * @param q text contained (case-insensitively) in the problem's text, rule name or host key
 * @param from problems still active at or after this epoch millis
 * @param to problems opened at or before this epoch millis
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param before only problems with a smaller id (paging, newest first)
 */
record ProblemQuery(
    String status,
    String host,
    String group,
    Severity severity,
    String q,
    Long from,
    Long to,
    int limit,
    Long before) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  ProblemQuery {
    if (status != null
        && !status.equals("active")
        && !status.equals("open")
        && !status.equals("acknowledged")
        && !status.equals("resolved")
        && !status.equals("closed")) {
      throw new InvalidInputException(
          "status must be one of open, acknowledged, resolved, closed, active");
    }
    if (host != null) {
      hostKey("host", host);
    }
    if (group != null) {
      Names.requireText("group", group, 100);
    }
    if (q != null && q.length() > 200) {
      throw new InvalidInputException("q must be at most 200 characters");
    }
    if (from != null && to != null && from > to) {
      throw new InvalidInputException("from must not be after to");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (before != null && before < 1) {
      throw new InvalidInputException("before must be a problem id");
    }
  }

  /** Everything active, as the in-memory view and the start-up load need it. */
  static ProblemQuery active(int limit) {
    return new ProblemQuery("active", null, null, null, null, null, null, limit, null);
  }

  /** Checks a host key given by a caller: 1 to 253 characters, no control characters. */
  static String hostKey(String field, String value) {
    Names.requireText(field, value, 253);
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(field + " contains a control character");
    }
    return value;
  }

  /** Parses a severity name such as {@code major}; {@code field} names it in the error. */
  static Severity severity(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field + " must be one of info, warning, minor, major, critical");
    }
  }

  /** The wire and column spelling of a severity: lower case. */
  static String name(Severity severity) {
    return severity == null ? null : severity.name().toLowerCase(Locale.ROOT);
  }

  /** The wire and column spelling of a status: lower case. */
  static String name(Problem.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
