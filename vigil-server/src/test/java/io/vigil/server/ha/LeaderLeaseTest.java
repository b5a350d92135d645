package io.vigil.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two leases on one in-memory row, driven by explicit clocks (which need not agree). */
class LeaderLeaseTest {

  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  static final long LEASE = 5 * SECOND;

  /** The {@code cluster} row's lease columns and the SQL's compare-and-set semantics. */
  static final class Row implements LeaderLease.Store {
    String leader;
    long renewals;
    boolean unreachable;

    @Override
    public ClusterRepository.Lease lease() {
      check();
      return new ClusterRepository.Lease(leader, renewals, 0);
    }

    @Override
    public boolean renew(String node) {
      check();
      if (!node.equals(leader)) {
        return false;
      }
      renewals++;
      return true;
    }

    @Override
    public boolean takeOver(String node, long observed, long nowMillis) {
      check();
      if (renewals != observed) {
        return false;
      }
      leader = node;
      renewals++;
      return true;
    }

    private void check() {
      if (unreachable) {
        throw new IllegalStateException("database unreachable");
      }
    }
  }

  final Row row = new Row();
  final LeaderLease a = new LeaderLease(row, "a", LEASE, SECOND);
  final LeaderLease b = new LeaderLease(row, "b", LEASE, SECOND);

  @Test
  void theFirstToLookTakesAVacantLeaseAndTheOtherWaits() {
    assertThat(a.tick(0, 0)).as("a gains the vacant lease").isTrue();
    assertThat(b.tick(0, 0)).isFalse();
    for (long t = SECOND; t <= 20 * SECOND; t += SECOND) {
      assertThat(a.tick(t, 0)).as("a keeps it, no new gain").isFalse();
      assertThat(b.tick(t + 123, 0)).as("b never takes a renewed lease").isFalse();
      assertThat(a.isLeader(t)).isTrue();
      assertThat(b.isLeader(t)).isFalse();
    }
    assertThat(b.leader()).isEqualTo("a");
  }

  @Test
  void aSilentLeaderIsReplacedAfterTheLeaseTimeAndNeverOverlaps() {
    // b's clock reads 1000 s ahead of a's, which does not matter: each compares only its own.
    long skew = 1000 * SECOND;
    a.tick(0, 0);
    b.tick(skew, 0);
    a.tick(SECOND, 0);
    b.tick(SECOND + skew, 0);
    // a dies after its renewal at 1 s.
    long takenAt = -1;
    for (long t = 2 * SECOND; t <= 10 * SECOND; t += SECOND) {
      if (b.tick(t + skew, 0)) {
        takenAt = t;
        break;
      }
      assertThat(a.isLeader(t))
          .as("a still counts itself leader at %d s", t / SECOND)
          .isEqualTo(t < LEASE);
    }
    assertThat(takenAt)
        .as("b took over after seeing no renewal for the lease time")
        .isEqualTo(6 * SECOND);
    assertThat(a.isLeader(takenAt)).as("a stopped leading before b took over").isFalse();
    assertThat(row.leader).isEqualTo("b");
    // a comes back: it finds the lease taken and does not get it back while b renews.
    assertThat(a.tick(7 * SECOND, 0)).isFalse();
    assertThat(a.isLeader(7 * SECOND)).isFalse();
  }

  @Test
  void aLeaderThatCannotReachTheDatabaseStepsDown() {
    a.tick(0, 0);
    row.unreachable = true;
    long t = 0;
    while (a.isLeader(t)) {
      t += SECOND / 2;
    }
    assertThat(t).as("steps down one heartbeat before the lease time").isEqualTo(LEASE - SECOND);
  }

  @Test
  void ofTwoTakingOverAtOnceOneWins() {
    a.tick(0, 0);
    row.leader = "gone";
    b.tick(0, 0);
    LeaderLease c = new LeaderLease(row, "c", LEASE, SECOND);
    c.tick(0, 0);
    boolean bWon = b.tick(LEASE, 0);
    boolean cWon = c.tick(LEASE, 0);
    assertThat(bWon ^ cWon).as("exactly one of b and c took the lease").isTrue();
  }
}
