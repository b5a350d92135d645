package io.vigil.server.checks;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.Point;
import io.vigil.server.inventory.HostDirectory;
import java.util.List;
import java.util.Map;

/**
 * A check kind the server runs for agentless hosts (catalog YAML with {@code runsOn: [server]}):
 * each is a bean, found by its {@link #kind()}, so a new kind is a new class and a catalogue file,
 * not a new branch in the runner.
 */
public interface ServerCheckKind {

  /**
   * What a run found: the check's outcome, and the points it collected besides (a scrape's
   * metrics), each carrying the host tag.
   */
  record Run(CheckOutcome outcome, List<Point> points) {
    public Run {
      points = points == null ? List.of() : List.copyOf(points);
    }

    public static Run of(CheckOutcome outcome) {
      return new Run(outcome, List.of());
    }
  }

  /** The catalog kind, e.g. {@code http}. */
  String kind();

  /**
   * Runs the item now, blocking for at most its timeout.
   *
   * @param params the item's parameters in clear
   * @param host the host it runs for
   * @throws IllegalArgumentException when the parameters are unusable (reported as UNKNOWN)
   */
  Run run(String itemKey, Map<String, String> params, HostDirectory.HostRef host);
}
