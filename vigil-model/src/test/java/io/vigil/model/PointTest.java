package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PointTest {

  @Test
  void keepsTagsAndFieldsSortedAndImmutable() {
    Point p = new Point("fs", Map.of("mount", "/", "device", "sda1"), Map.of("used_pct", 1.0), 1);
    assertThat(p.tags().keySet()).containsExactly("device", "mount");
    assertThatThrownBy(() -> p.tags().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsEmptyFieldsInfiniteValuesAndClashingNames() {
    assertThatThrownBy(() -> new Point("cpu", Map.of(), Map.of(), 1))
        .hasMessageContaining("at least one field");
    assertThatThrownBy(() -> new Point("cpu", Map.of(), Map.of("x", Double.NaN), 1))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> new Point("cpu", Map.of("x", "a"), Map.of("x", 1.0), 1))
        .hasMessageContaining("clashes");
    assertThatThrownBy(() -> new Point("cpu", Map.of(), Map.of("host", 1.0), 1))
        .hasMessageContaining("clashes");
  }

  @Test
  void rejectsControlCharactersAndOverlongTagValues() {
    assertThatThrownBy(() -> new Point("cpu", Map.of("cpu", "a\nb"), Map.of("x", 1.0), 1))
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> new Point("cpu", Map.of("cpu", "a".repeat(300)), Map.of("x", 1.0), 1))
        .hasMessageContaining("longer than");
  }

  @Test
  void identifiersFollowThePatternExactly() {
    for (String name : new String[] {"a", "cpu", "used_pct", "a0_9", "x".repeat(63)}) {
      assertThat(Names.isIdentifier(name)).as(name).isTrue();
      assertThat(Names.IDENTIFIER.matcher(name).matches()).as(name).isTrue();
    }
    for (String name :
        new String[] {"", "0a", "_a", "A", "aB", "a-b", "a b", "é", "x".repeat(64), "a\n"}) {
      assertThat(Names.isIdentifier(name)).as(name).isFalse();
      assertThat(Names.IDENTIFIER.matcher(name).matches()).as(name).isFalse();
    }
    assertThat(Names.isIdentifier(null)).isFalse();
  }

  @Test
  void withTagStampsTheHost() {
    Point p = new Point("load", Map.of(), Map.of("load1", 0.5), 1).withTag("host", "web-1");
    assertThat(p.tags()).containsEntry("host", "web-1");
  }
}
