package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.util.Collection;
import java.util.Objects;

/**
 * A maintenance window: while it is in force, problems of its host (or of the hosts of its group)
 * that open or change are recorded as suppressed by {@code maintenance} and not notified.
 *
 * @param id database id (0 before it is stored)
 * @param name for people, at most 100 characters
 * @param scopeType {@code host} or {@code group}
 * @param scopeValue the host key or the group's name
 * @param schedule when it is in force
 * @param createdBy user name
 * @param createdAt epoch millis
 */
record MaintenanceWindow(
    long id,
    String name,
    String scopeType,
    String scopeValue,
    MaintenanceSchedule schedule,
    String createdBy,
    long createdAt) {

  MaintenanceWindow {
    Names.requireText("name", name, 100);
    if (!"host".equals(scopeType) && !"group".equals(scopeType)) {
      throw new InvalidInputException("scope.type must be host or group");
    }
    if ("host".equals(scopeType)) {
      ProblemQuery.hostKey("scope.value", scopeValue);
    } else {
      Names.requireText("scope.value", scopeValue, 100);
    }
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  /** Whether the window is in force for a host of {@code groups} named {@code hostKey}. */
  boolean covers(String hostKey, Collection<String> groups, long epochMillis) {
    boolean inScope =
        "host".equals(scopeType) ? scopeValue.equals(hostKey) : groups.contains(scopeValue);
    return inScope && schedule.covers(epochMillis);
  }
}
