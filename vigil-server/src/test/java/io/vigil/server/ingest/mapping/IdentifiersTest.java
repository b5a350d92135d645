package io.vigil.server.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Names;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  private final Identifiers names = new Identifiers();

  @Test
  void foreignNamesBecomeIdentifiers() {
    assertThat(names.measurement("cpu")).isEqualTo("cpu");
    assertThat(names.measurement("My-Meas.ure")).isEqualTo("my_meas_ure");
    assertThat(names.measurement("node_load1")).isEqualTo("node_load1");
    assertThat(names.field("MemTotal_bytes")).isEqualTo("memtotal_bytes");
    assertThat(names.field("a__b___c_"))
        .as("__ is the store's rollup separator")
        .isEqualTo("a_b_c");
    assertThat(names.field("95th percentile")).isEqualTo("f_95th_percentile");
    assertThat(names.tag("_private")).isEqualTo("t_private");
    assertThat(names.tag("한글")).isEqualTo("t");
    assertThat(names.measurement("requests_1m")).as("rollup suffix").isEqualTo("requests_1m_x");
    assertThat(names.measurement("x".repeat(100))).hasSize(63);
  }

  @Test
  void everyResultIsAnIdentifierTheStoreAccepts() {
    Random random = new Random(11);
    String alphabet = "aZ_9.-/ é日\u0000_1mh";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(80);
      for (int c = 0; c < length; c++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      for (String clean :
          new String[] {
            names.measurement(name.toString()),
            names.tag(name.toString()),
            names.field(name.toString())
          }) {
        assertThat(Names.isIdentifier(clean)).as("%s → %s", name, clean).isTrue();
        assertThat(clean).doesNotContain("__");
      }
      assertThat(names.measurement(name.toString())).doesNotEndWith("_1m").doesNotEndWith("_1h");
    }
  }
}
