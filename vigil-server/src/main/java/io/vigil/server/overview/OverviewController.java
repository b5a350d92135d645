package io.vigil.server.overview;

import io.vigil.model.Names;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The overview screen's API, and host tags. Everything is limited to the caller's host scope. */
@RestController
class OverviewController {

  static final int MAX_LIMIT = 500;
  static final int MAX_TAGS = 32;
  static final List<String> SORTS = List.of("severity", "name", "cpu", "mem", "disk");

  private final OverviewService overview;
  private final OverviewTop top;
  private final OverviewRepository repository;
  private final HostAccess hostAccess;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  OverviewController(
      OverviewService overview,
      OverviewTop top,
      OverviewRepository repository,
      HostAccess hostAccess,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.overview = overview;
    this.top = top;
    this.repository = repository;
    this.hostAccess = hostAccess;
    this.audit = audit;
    this.transactions = transactions;
  }

  @GetMapping("/api/v1/overview/hosts")
  OverviewService.HostPage hosts(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String group,
      @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "severity") String sort,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    if (offset < 0) {
      throw ApiException.badRequest("offset must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    if (!SORTS.contains(sort)) {
      throw ApiException.badRequest("sort must be one of " + String.join(", ", SORTS));
    }
    HostScope scope = hostAccess.current();
    OverviewFilter filter = OverviewFilter.parse(q, status, severity, group, tag);
    for (long id : filter.groupIds()) {
      if (!scope.allowsGroup(id)) {
        throw ApiException.forbidden("You have no access to host group " + id + ".");
      }
    }
    return overview.hosts(scope, filter, sort, offset, limit);
  }

  @GetMapping("/api/v1/overview/groups")
  List<OverviewService.GroupView> groups() {
    return overview.groups(hostAccess.current());
  }

  @GetMapping("/api/v1/overview/top")
  List<OverviewTop.Entry> top(
      @RequestParam(required = false) String metric,
      @RequestParam(defaultValue = "1h") String window,
      @RequestParam(defaultValue = "10") int n) {
    return top.top(hostAccess.current(), metric, window, n);
  }

  @GetMapping("/api/v1/hosts/{key}/tags")
  Map<String, String> tags(@PathVariable String key) {
    hostAccess.requireHost(key);
    return repository.tags(hostId(key));
  }

  /** Replaces the host's tags with the body's (an empty object removes them all). */
  @PutMapping("/api/v1/hosts/{key}/tags")
  Map<String, String> putTags(
      @PathVariable String key, @RequestBody(required = false) Map<String, String> body) {
    hostAccess.requireHost(key);
    long hostId = hostId(key);
    Map<String, String> tags = validTags(body);
    transactions.executeWithoutResult(
        status -> {
          Map<String, String> before = repository.tags(hostId);
          repository.replaceTags(hostId, tags);
          audit.record("update", "host_tags", key, before, tags);
        });
    return tags;
  }

  private long hostId(String key) {
    return repository.hostId(key).orElseThrow(() -> ApiException.notFound("no host " + key));
  }

  static Map<String, String> validTags(Map<String, String> body) {
    if (body == null) {
      throw ApiException.badRequest("the body must be an object of tag names to values");
    }
    if (body.size() > MAX_TAGS) {
      throw ApiException.badRequest("a host may have at most " + MAX_TAGS + " tags");
    }
    Map<String, String> tags = new TreeMap<>();
    body.forEach(
        (name, value) -> {
          if (!Names.isIdentifier(name)) {
            throw ApiException.badRequest(
                "tag names are identifiers (a-z, 0-9, _; starting with a letter), got " + name);
          }
          if (value == null || value.isBlank()) {
            throw ApiException.badRequest("tag " + name + " needs a value");
          }
          if (value.length() > Names.MAX_TAG_VALUE_LENGTH) {
            throw ApiException.badRequest(
                "tag " + name + " is longer than " + Names.MAX_TAG_VALUE_LENGTH + " characters");
          }
          if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("tag " + name + " contains control characters");
          }
          tags.put(name, value);
        });
    return tags;
  }
}
