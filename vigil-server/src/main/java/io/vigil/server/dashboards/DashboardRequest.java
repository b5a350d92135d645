package io.vigil.server.dashboards;

import io.vigil.model.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The body of {@code POST} and {@code PUT}: everything a user may set, validated. */
public record DashboardRequest(
    String name, Boolean shared, Integer refreshSeconds, List<Panel> panels) {

  static final int MAX_NAME = 100;
  static final int MAX_PANELS = 50;
  static final int MAX_REFRESH = 3600;
  static final int DEFAULT_REFRESH = 30;

  public DashboardRequest {
    name = name == null ? "" : name.strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new InvalidInputException("name must be 1.." + MAX_NAME + " characters");
    }
    shared = shared != null && shared;
    refreshSeconds = refreshSeconds == null ? DEFAULT_REFRESH : refreshSeconds;
    if (refreshSeconds != 0 && (refreshSeconds < 5 || refreshSeconds > MAX_REFRESH)) {
      throw new InvalidInputException(
          "refreshSeconds must be 0 (off) or 5.." + MAX_REFRESH + " seconds");
    }
    panels = panels == null ? List.of() : panels;
    if (panels.size() > MAX_PANELS) {
      throw new InvalidInputException("a dashboard has at most " + MAX_PANELS + " panels");
    }
    Set<String> ids = new HashSet<>();
    for (Panel panel : panels) {
      if (panel == null) {
        throw new InvalidInputException("panels must be objects");
      }
      if (!ids.add(panel.id())) {
        throw new InvalidInputException("panel ids must be unique: " + panel.id());
      }
    }
    panels = List.copyOf(panels);
  }
}
