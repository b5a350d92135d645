package io.vigil.server.ingest.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A field of a mapping catalogue, e.g. {@code 100 * (total - available) / total}: numbers, field
 * names, {@code + - * /}, parentheses and the functions {@code rate(field)} (per second, from the
 * previous sample of the same series), {@code min(a, b)}, {@code max(a, b)}, {@code coalesce(a, b)}
 * (a unless it is missing) and {@code pct(part, whole)} (0..100, 0 when whole is not positive, as
 * the agent computes its percentages). Parsed once when the catalogue loads; a missing field makes
 * the result NaN, and the mapped field is then left out.
 */
final class Expression {

  /** What an expression reads while it is evaluated. */
  interface Scope {
    /** A field or a {@code let} name; NaN when absent. */
    double value(String name);

    /** The per-second rate of a counter field; NaN without a usable previous sample. */
    double rate(String name);
  }

  private interface Node {
    double eval(Scope scope);
  }

  private final String text;
  private final Node root;
  private final Set<String> names;
  private final Set<String> rated;

  private Expression(String text, Node root, Set<String> names, Set<String> rated) {
    this.text = text;
    this.root = root;
    // In the order they appear, so every load of a catalogue keeps the same counter layout.
    this.names = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names));
    this.rated = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(rated));
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException naming the position of the first error
   */
  static Expression parse(String text) {
    Parser parser = new Parser(text);
    Node root = parser.expression();
    parser.skipBlanks();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
    }
    return new Expression(text, root, parser.names, parser.rated);
  }

  double eval(Scope scope) {
    return root.eval(scope);
  }

  /** Every name the expression reads (outside {@code rate()}). */
  Set<String> names() {
    return names;
  }

  /** The fields read through {@code rate()}. */
  Set<String> ratedFields() {
    return rated;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Recursive descent over the text; one instance per parse. */
  private static final class Parser {
    private final String text;
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> rated = new LinkedHashSet<>();
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Node expression() {
      Node left = term();
      while (true) {
        skipBlanks();
        if (accept('+')) {
          Node a = left;
          Node b = term();
          left = scope -> a.eval(scope) + b.eval(scope);
        } else if (accept('-')) {
          Node a = left;
          Node b = term();
          left = scope -> a.eval(scope) - b.eval(scope);
        } else {
          return left;
        }
      }
    }

    private Node term() {
      Node left = unary();
      while (true) {
        skipBlanks();
        if (accept('*')) {
          Node a = left;
          Node b = unary();
          left = scope -> a.eval(scope) * b.eval(scope);
        } else if (accept('/')) {
          Node a = left;
          Node b = unary();
          left = scope -> a.eval(scope) / b.eval(scope);
        } else {
          return left;
        }
      }
    }

    private Node unary() {
      skipBlanks();
      if (accept('-')) {
        Node inner = unary();
        return scope -> -inner.eval(scope);
      }
      return primary();
    }

    private Node primary() {
      skipBlanks();
      if (accept('(')) {
        Node inner = expression();
        expect(')');
        return inner;
      }
      if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        return number();
      }
      String name = identifier();
      skipBlanks();
      if (!accept('(')) {
        names.add(name);
        return scope -> scope.value(name);
      }
      return function(name);
    }

    private Node function(String name) {
      if (name.equals("rate")) {
        skipBlanks();
        String field = identifier();
        expect(')');
        rated.add(field);
        return scope -> scope.rate(field);
      }
      List<Node> args = new ArrayList<>();
      args.add(expression());
      while (accept(',')) {
        args.add(expression());
      }
      expect(')');
      if (args.size() != 2) {
        throw error(name + "() takes two arguments");
      }
      Node a = args.get(0);
      Node b = args.get(1);
      return switch (name) {
        case "min" -> scope -> Math.min(a.eval(scope), b.eval(scope));
        case "max" -> scope -> Math.max(a.eval(scope), b.eval(scope));
        case "coalesce" ->
            scope -> {
              double value = a.eval(scope);
              return Double.isNaN(value) ? b.eval(scope) : value;
            };
        case "pct" -> scope -> pct(a.eval(scope), b.eval(scope));
        default -> throw error("unknown function " + name + "()");
      };
    }

    private static double pct(double part, double whole) {
      if (Double.isNaN(part) || Double.isNaN(whole)) {
        return Double.NaN;
      }
      return whole <= 0 ? 0.0 : Math.min(100.0, Math.max(0.0, 100.0 * part / whole));
    }

    private Node number() {
      int start = pos;
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || ".eE".indexOf(text.charAt(pos)) >= 0)) {
        if ((text.charAt(pos) == 'e' || text.charAt(pos) == 'E')
            && pos + 1 < text.length()
            && (text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+')) {
          pos++;
        }
        pos++;
      }
      try {
        double value = Double.parseDouble(text.substring(start, pos));
        return scope -> value;
      } catch (NumberFormatException e) {
        throw error("bad number " + text.substring(start, pos));
      }
    }

    private String identifier() {
      skipBlanks();
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos || Character.isDigit(text.charAt(start))) {
        throw error("a field name is expected");
      }
      return text.substring(start, pos);
    }

    private boolean accept(char c) {
      skipBlanks();
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw error("'" + c + "' is expected");
      }
    }

    void skipBlanks() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "expression \"" + text + "\" at " + (pos + 1) + ": " + message);
    }
  }
}
