package io.vigil.server.dashboards;

import io.vigil.model.InvalidInputException;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.Role;
import io.vigil.server.auth.VigilUser;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dashboards: any logged-in user lists what they may open (own, shared, built-in), builds their
 * own, and changes or deletes only those (admins: any, and the built-in ones). Dashboards hold no
 * data; the panels' data endpoints apply the caller's host scope themselves.
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardController {

  /** Larger bodies are refused with 413 before they are parsed. */
  static final int MAX_BODY = 256 * 1024;

  /** A dashboard in the list. */
  record Summary(
      long id,
      String name,
      String owner,
      boolean shared,
      boolean builtin,
      boolean editable,
      int panelCount,
      long updatedAt) {}

  /** A dashboard with its panels; {@code editable} tells the caller whether they may change it. */
  record View(
      long id,
      String name,
      String owner,
      boolean shared,
      boolean builtin,
      boolean editable,
      int refreshSeconds,
      List<Panel> panels,
      long createdAt,
      long updatedAt) {

    static View of(Dashboard d, boolean editable) {
      return new View(
          d.id(),
          d.name(),
          d.owner(),
          d.shared(),
          d.builtin(),
          editable,
          d.refreshSeconds(),
          d.panels(),
          d.createdAt(),
          d.updatedAt());
    }
  }

  private final DashboardRepository dashboards;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final JsonMapper json =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  DashboardController(
      DashboardRepository dashboards, AuditLog audit, TransactionTemplate transactions) {
    this.dashboards = dashboards;
    this.audit = audit;
    this.transactions = transactions;
  }

  @GetMapping
  List<Summary> list(@AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    return dashboards.visibleTo(caller.id(), isAdmin(caller)).stream()
        .map(
            d ->
                new Summary(
                    d.id(),
                    d.name(),
                    d.owner(),
                    d.shared(),
                    d.builtin(),
                    mayChange(caller, d),
                    d.panels().size(),
                    d.updatedAt()))
        .toList();
  }

  @GetMapping("/{id}")
  View get(@PathVariable long id, @AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    Dashboard d = readable(caller, id);
    return View.of(d, mayChange(caller, d));
  }

  @PostMapping
  ResponseEntity<View> create(HttpServletRequest http, @AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    DashboardRequest request = parse(http);
    View created =
        transactions.execute(
            status -> {
              long id = dashboards.insert(caller.id(), request, false);
              View view = View.of(dashboards.find(id).orElseThrow(), true);
              audit.record("create", "dashboard", target(view.id(), view.name()), null, view);
              return view;
            });
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  @PutMapping("/{id}")
  View update(
      @PathVariable long id, HttpServletRequest http, @AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    DashboardRequest request = parse(http);
    return transactions.execute(
        status -> {
          Dashboard old = changeable(caller, id);
          dashboards.update(id, request);
          View view = View.of(dashboards.find(id).orElseThrow(), true);
          audit.record("update", "dashboard", target(id, view.name()), View.of(old, true), view);
          return view;
        });
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    transactions.executeWithoutResult(
        status -> {
          Dashboard old = changeable(caller, id);
          dashboards.delete(id);
          audit.record("delete", "dashboard", target(id, old.name()), View.of(old, true), null);
        });
    return ResponseEntity.noContent().build();
  }

  /** Copies a dashboard the caller may open into a new, unshared one of their own. */
  @PostMapping("/{id}/copy")
  ResponseEntity<View> copy(@PathVariable long id, @AuthenticationPrincipal VigilUser user) {
    VigilUser caller = required(user);
    View created =
        transactions.execute(
            status -> {
              Dashboard source = readable(caller, id);
              String name = "Copy of " + source.name();
              if (name.length() > DashboardRequest.MAX_NAME) {
                name = name.substring(0, DashboardRequest.MAX_NAME);
              }
              DashboardRequest request =
                  new DashboardRequest(name, false, source.refreshSeconds(), source.panels());
              long newId = dashboards.insert(caller.id(), request, false);
              View view = View.of(dashboards.find(newId).orElseThrow(), true);
              audit.record("create", "dashboard", target(newId, view.name()), null, view);
              return view;
            });
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  private Dashboard readable(VigilUser caller, long id) {
    Dashboard d =
        dashboards.find(id).orElseThrow(() -> ApiException.notFound("no dashboard " + id));
    if (!(d.builtin() || d.shared() || isOwner(caller, d) || isAdmin(caller))) {
      throw ApiException.forbidden("Dashboard " + id + " is private to its owner.");
    }
    return d;
  }

  private Dashboard changeable(VigilUser caller, long id) {
    Dashboard d = readable(caller, id);
    if (!mayChange(caller, d)) {
      throw ApiException.forbidden(
          d.builtin()
              ? "Only administrators change built-in dashboards."
              : "Only the owner or an administrator changes dashboard " + id + ".");
    }
    return d;
  }

  static boolean mayChange(VigilUser caller, Dashboard d) {
    return isAdmin(caller) || (!d.builtin() && isOwner(caller, d));
  }

  private static boolean isOwner(VigilUser caller, Dashboard d) {
    return d.ownerId() != null && d.ownerId() == caller.id();
  }

  private static boolean isAdmin(VigilUser caller) {
    return caller.role() == Role.ADMIN;
  }

  private static VigilUser required(VigilUser user) {
    if (user == null) {
      throw ApiException.forbidden("Dashboards belong to users; log in as one.");
    }
    return user;
  }

  private static String target(long id, String name) {
    return name + " (" + id + ")";
  }

  private DashboardRequest parse(HttpServletRequest http) {
    if (http.getContentLengthLong() > MAX_BODY) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = http.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw ApiException.badRequest("The request body could not be read.");
    }
    if (body.length > MAX_BODY) {
      throw tooLarge();
    }
    if (body.length == 0) {
      throw ApiException.badRequest("A body with name and panels is needed.");
    }
    try {
      DashboardRequest request = json.readValue(body, DashboardRequest.class);
      if (request == null) {
        throw ApiException.badRequest("A body with name and panels is needed.");
      }
      return request;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("Unknown property " + e.getPropertyName() + ".");
    } catch (JacksonException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException invalid) {
          throw invalid;
        }
      }
      throw ApiException.badRequest(
          "The request body is not a valid dashboard: " + e.getOriginalMessage());
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        HttpStatus.CONTENT_TOO_LARGE,
        "too_large",
        "A dashboard is at most " + MAX_BODY + " bytes.");
  }
}
