package io.vigil.model;

/**
 * The outcome of a check, with the Nagios plugin exit codes 0..3 so plugins map onto it directly.
 * Worse outcomes compare higher, except that UNKNOWN ranks between WARNING and CRITICAL as in
 * Nagios' worst-state rules.
 */
public enum CheckStatus {
  OK(0),
  WARNING(1),
  UNKNOWN(3),
  CRITICAL(2);

  private final int exitCode;

  CheckStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The Nagios plugin exit code of this status. */
  public int exitCode() {
    return exitCode;
  }

  /** The status a Nagios plugin exit code means; anything outside 0..3 is UNKNOWN. */
  public static CheckStatus ofExitCode(int code) {
    return switch (code) {
      case 0 -> OK;
      case 1 -> WARNING;
      case 2 -> CRITICAL;
      default -> UNKNOWN;
    };
  }

  /** The worse of two statuses. */
  public CheckStatus worst(CheckStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
