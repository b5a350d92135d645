package io.vigil.model;

/** Problem severities, lowest to highest; a group shows the worst of its hosts' open problems. */
public enum Severity {
  INFO,
  WARNING,
  MINOR,
  MAJOR,
  CRITICAL;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
