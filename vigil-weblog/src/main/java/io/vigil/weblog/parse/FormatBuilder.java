package io.vigil.weblog.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the literals and variables of a format string as a compiler reads it, then decides which
 * variable serves each role (client, status, response time…) when a format has several candidates
 * ({@code $request_time} before {@code $upstream_response_time}, {@code %>s} before {@code %s}):
 * the one of lowest priority number wins, the others are read and skipped.
 */
final class FormatBuilder {

  /** A variable as written in the format, e.g. {@code $status}. */
  record Variable(String name, Field field, String role, int priority) {}

  private final List<Object> steps = new ArrayList<>(); // ByteArrayOutputStream or Variable

  void literal(String text) {
    if (text.isEmpty()) {
      return;
    }
    ByteArrayOutputStream open =
        !steps.isEmpty() && steps.get(steps.size() - 1) instanceof ByteArrayOutputStream b
            ? b
            : null;
    if (open == null) {
      open = new ByteArrayOutputStream();
      steps.add(open);
    }
    open.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  void variable(Variable variable) {
    if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Variable before) {
      throw new IllegalArgumentException(
          before.name()
              + " and "
              + variable.name()
              + " follow each other without a separator; the parser cannot tell where one ends");
    }
    steps.add(variable);
  }

  /** The last variable added when it is the last step, else null. */
  Variable lastVariable() {
    return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Variable v ? v : null;
  }

  LogFormat build(String description) {
    Map<String, Variable> winner = new HashMap<>();
    for (Object step : steps) {
      if (step instanceof Variable v && v.role() != null) {
        winner.merge(v.role(), v, (a, b) -> b.priority() < a.priority() ? b : a);
      }
    }
    if (!winner.containsKey("status")) {
      throw new IllegalArgumentException(
          "the format has no status code ($status in nginx, %>s or %s in Apache)");
    }
    // A full request line gives method and URL; separate ones then only duplicate it.
    boolean requestLine = winner.containsKey("request");
    int n = steps.size();
    byte[][] literal = new byte[n][];
    Field[] field = new Field[n];
    for (int i = 0; i < n; i++) {
      Object step = steps.get(i);
      if (step instanceof ByteArrayOutputStream b) {
        literal[i] = b.toByteArray();
      } else {
        Variable v = (Variable) step;
        boolean used =
            v.role() == null
                || (winner.get(v.role()) == v
                    && !(requestLine && (v.role().equals("url") || v.role().equals("method"))));
        field[i] = used ? v.field() : (v.field().listValued() ? Field.SKIP_LIST : Field.SKIP);
      }
    }
    return new LogFormat(description, literal, field);
  }
}
