package io.vigil.server.inventory;

/** A host went online or offline. */
public record HostStateChanged(String hostKey, boolean online) {}
