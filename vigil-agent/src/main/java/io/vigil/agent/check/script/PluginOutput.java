package io.vigil.agent.check.script;

import java.util.Objects;

/**
 * The text a Nagios plugin printed, split as the plugin guidelines describe:
 *
 * <pre>
 * TEXT OUTPUT | OPTIONAL PERFDATA
 * LONG TEXT LINE 1
 * LONG TEXT LINE N | PERFDATA LINE 2
 * PERFDATA LINE 3
 * </pre>
 *
 * <p>The message is the first line up to its {@code |}, trimmed and cut to {@link
 * #MAX_MESSAGE_CHARS}. The long text is the following lines up to the first later {@code |}; what
 * follows that {@code |}, and every line after it, is performance data too.
 *
 * @param message the first line without its performance data; may be empty
 * @param longText the further lines without performance data; may be empty
 * @param perfData the parsed performance data of all lines
 */
public record PluginOutput(String message, String longText, PerfData perfData) {

  /** The longest message kept; longer first lines are cut and end with an ellipsis. */
  public static final int MAX_MESSAGE_CHARS = 1024;

  public PluginOutput {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(longText, "longText");
    Objects.requireNonNull(perfData, "perfData");
  }

  /** Splits plugin output; {@code null} is treated as no output. */
  public static PluginOutput parse(String output) {
    if (output == null || output.isEmpty()) {
      return new PluginOutput("", "", PerfData.EMPTY);
    }
    String text = output.replace("\r\n", "\n").replace('\r', '\n');
    int firstEnd = text.indexOf('\n');
    String first = firstEnd < 0 ? text : text.substring(0, firstEnd);
    String rest = firstEnd < 0 ? "" : text.substring(firstEnd + 1);

    StringBuilder perf = new StringBuilder();
    int bar = first.indexOf('|');
    String message = bar < 0 ? first : first.substring(0, bar);
    if (bar >= 0) {
      perf.append(first, bar + 1, first.length());
    }
    String longText = rest;
    int restBar = rest.indexOf('|');
    if (restBar >= 0) {
      longText = rest.substring(0, restBar);
      perf.append(' ').append(rest, restBar + 1, rest.length());
    }
    return new PluginOutput(
        bounded(message.trim()), longText.strip(), PerfData.parse(perf.toString()));
  }

  private static String bounded(String message) {
    if (message.length() <= MAX_MESSAGE_CHARS) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_CHARS - 1) + "\u2026";
  }
}
