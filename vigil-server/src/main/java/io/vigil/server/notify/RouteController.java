package io.vigil.server.notify;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Notification routes (changes: admins only). */
@RestController
class RouteController {

  /** Body of creating or replacing a route; enabled and notifyRecovery default to true. */
  record RouteRequest(
      String name,
      Boolean enabled,
      String minSeverity,
      String host,
      String group,
      String tag,
      List<String> channels,
      List<Route.Level> levels,
      Double repeatMinutes,
      Boolean notifyRecovery) {}

  private final RouteRepository routes;
  private final RecipientRepository recipients;
  private final AuditLog audit;

  RouteController(RouteRepository routes, RecipientRepository recipients, AuditLog audit) {
    this.routes = routes;
    this.recipients = recipients;
    this.audit = audit;
  }

  @GetMapping("/api/v1/routes")
  List<Route> list() {
    return routes.findAll();
  }

  @GetMapping("/api/v1/routes/{id}")
  Route get(@PathVariable long id) {
    return routes.find(id).orElseThrow(() -> ApiException.notFound("No route " + id));
  }

  @PostMapping("/api/v1/routes")
  @ResponseStatus(HttpStatus.CREATED)
  Route create(@RequestBody(required = false) RouteRequest request) {
    Route route = valid(0, request);
    Route created = route.withId(routes.insert(route));
    audit.record("create", "route", created.name(), null, created);
    return created;
  }

  @PutMapping("/api/v1/routes/{id}")
  Route update(@PathVariable long id, @RequestBody(required = false) RouteRequest request) {
    Route old = get(id);
    Route route = valid(id, request);
    routes.update(route);
    audit.record("update", "route", route.name(), old, route);
    return route;
  }

  @DeleteMapping("/api/v1/routes/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    Route old = get(id);
    routes.delete(id);
    audit.record("delete", "route", old.name(), old, null);
    return ResponseEntity.noContent().build();
  }

  private Route valid(long id, RouteRequest r) {
    if (r == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    Route route =
        new Route(
            id,
            r.name(),
            r.enabled() == null || r.enabled(),
            r.minSeverity(),
            r.host(),
            r.group(),
            r.tag(),
            r.channels(),
            r.levels(),
            r.repeatMinutes() == null ? 0 : r.repeatMinutes(),
            r.notifyRecovery() == null || r.notifyRecovery());
    if (routes.nameTaken(route.name(), id)) {
      throw new ApiException(HttpStatus.CONFLICT, "conflict", "name " + route.name() + " is taken");
    }
    for (Route.Level level : route.levels()) {
      for (long recipient : level.recipients()) {
        if (recipients.find(recipient).isEmpty()) {
          throw ApiException.badRequest("levels.recipients: no recipient " + recipient);
        }
      }
      for (long group : level.groups()) {
        if (recipients.findGroup(group).isEmpty()) {
          throw ApiException.badRequest("levels.groups: no recipient group " + group);
        }
      }
    }
    return route;
  }
}
