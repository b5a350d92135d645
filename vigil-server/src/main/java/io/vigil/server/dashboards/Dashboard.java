package io.vigil.server.dashboards;

import java.util.List;

/** A stored dashboard; {@code ownerId} is null for a built-in one. */
record Dashboard(
    long id,
    Long ownerId,
    String owner,
    String name,
    boolean shared,
    boolean builtin,
    int refreshSeconds,
    List<Panel> panels,
    long createdAt,
    long updatedAt) {}
