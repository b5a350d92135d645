package io.vigil.server.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

  /** Fields from a map; rates are twice the value, so tests can tell them apart. */
  static Expression.Scope scope(Map<String, Double> fields) {
    return new Expression.Scope() {
      @Override
      public double value(String name) {
        return fields.getOrDefault(name, Double.NaN);
      }

      @Override
      public double rate(String name) {
        return 2 * value(name);
      }
    };
  }

  static double eval(String text, Map<String, Double> fields) {
    return Expression.parse(text).eval(scope(fields));
  }

  @Test
  void arithmeticFollowsPrecedenceAndParentheses() {
    Map<String, Double> f = Map.of("a", 10.0, "b", 4.0, "total", 200.0, "available", 50.0);
    assertThat(eval("a + b * 2", f)).isEqualTo(18.0);
    assertThat(eval("(a + b) * 2", f)).isEqualTo(28.0);
    assertThat(eval("a - b - 1", f)).isEqualTo(5.0);
    assertThat(eval("a / b / 5", f)).isEqualTo(0.5);
    assertThat(eval("-a + -(-b)", f)).isEqualTo(-6.0);
    assertThat(eval("100 * (total - available) / total", f)).isEqualTo(75.0);
    assertThat(eval("1.5e3 + .5", f)).isEqualTo(1500.5);
    assertThat(eval("100 - a", f)).isEqualTo(90.0);
  }

  @Test
  void functionsAndMissingFields() {
    Map<String, Double> f = Map.of("a", 10.0, "zero", 0.0);
    assertThat(eval("rate(a)", f)).isEqualTo(20.0);
    assertThat(eval("min(100, rate(a) * 10)", f)).isEqualTo(100.0);
    assertThat(eval("max(0, a - 50)", f)).isEqualTo(0.0);
    assertThat(eval("coalesce(missing, 7)", f)).isEqualTo(7.0);
    assertThat(eval("coalesce(a, 7)", f)).isEqualTo(10.0);
    assertThat(eval("pct(a, 40)", f)).isEqualTo(25.0);
    assertThat(eval("pct(a, zero)", f)).as("as the agent: 0 of nothing").isEqualTo(0.0);
    assertThat(eval("pct(a, 5)", f)).as("clamped").isEqualTo(100.0);
    assertThat(eval("a + missing", f)).isNaN();
    assertThat(eval("a / zero", f)).isInfinite();
    Expression e = Expression.parse("rate(rx) + rate(tx) - errors");
    assertThat(e.ratedFields()).containsExactly("rx", "tx");
    assertThat(e.names()).containsExactly("errors");
  }

  @Test
  void badExpressionsAreRefusedWithThePosition() {
    assertThatThrownBy(() -> Expression.parse("a +")).hasMessageContaining("at 4");
    assertThatThrownBy(() -> Expression.parse("(a")).hasMessageContaining("')' is expected");
    assertThatThrownBy(() -> Expression.parse("a b")).hasMessageContaining("unexpected 'b'");
    assertThatThrownBy(() -> Expression.parse("foo(a, b)"))
        .hasMessageContaining("unknown function foo()");
    assertThatThrownBy(() -> Expression.parse("min(a)")).hasMessageContaining("two arguments");
    assertThatThrownBy(() -> Expression.parse("rate(1)")).hasMessageContaining("field name");
    assertThatThrownBy(() -> Expression.parse("1e")).hasMessageContaining("bad number");
  }
}
