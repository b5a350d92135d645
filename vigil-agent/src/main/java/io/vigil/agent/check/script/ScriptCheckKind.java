package io.vigil.agent.check.script;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code script}: a Nagios-compatible plugin run by {@link PluginRunner}, only from the directories
 * the agent's own command line allows ({@code --script-dir}); the server can name a plugin and its
 * arguments but never widen that list. The exit code is the status, the first output line the
 * message, the performance data the metrics (labels turned into identifiers, see {@link
 * #metricName}; values in base units).
 */
public final class ScriptCheckKind implements CheckKind {

  static final int MAX_OUTPUT_LIMIT = 1 << 20;

  private static final Set<String> PARAMS = Set.of("command", "args", "timeout", "output_limit");

  @Override
  public String kind() {
    return "script";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    String command = p.requiredString("command").strip();
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (p.has("args")) {
      // One argument per line, verbatim (no shell, no word splitting); blank lines are dropped.
      for (String line : p.string("args", "").split("\r?\n")) {
        if (!line.isEmpty()) {
          argv.add(line);
        }
      }
    }
    PluginRunner runner =
        new PluginRunner(context.scriptDirs())
            .withTimeout(p.duration("timeout", PluginRunner.DEFAULT_TIMEOUT))
            .withOutputLimit(
                p.integer(
                    "output_limit", PluginRunner.DEFAULT_OUTPUT_LIMIT_BYTES, 1, MAX_OUTPUT_LIMIT));
    List<String> command0 = List.copyOf(argv);
    return () -> report(runner.run(command0));
  }

  static CheckReport report(PluginResult result) {
    Map<String, Double> metrics = new TreeMap<>();
    for (PerfDatum datum : result.perfData()) {
      if (datum.value() == null) {
        continue;
      }
      String base = metricName(datum.label());
      String name = base;
      for (int n = 2; metrics.containsKey(name); n++) {
        String suffix = "_" + n;
        name = base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
      }
      metrics.put(name, datum.value());
    }
    return new CheckReport(result.status(), result.message(), metrics, List.of());
  }

  /**
   * A performance-data label as a metric identifier: lower case, every run of other characters an
   * underscore, no leading or trailing underscore, {@code m_} before a leading digit, at most 63
   * characters. {@code /} (check_disk's root file system) becomes {@code root}, {@code /var/log}
   * {@code var_log}, {@code 'Load 1'} {@code load_1}.
   */
  static String metricName(String label) {
    StringBuilder sb = new StringBuilder(label.length());
    boolean gap = false;
    for (char c : label.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && !sb.isEmpty()) {
          sb.append('_');
        }
        sb.append(c);
        gap = false;
      } else {
        gap = true;
      }
    }
    String name = sb.toString();
    if (name.isEmpty()) {
      name = label.strip().equals("/") ? "root" : "value";
    } else if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
      name = "m_" + name;
    }
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /** The default allow-list: the monitoring-plugins directory and the agent's own. */
  public static List<Path> defaultScriptDirs() {
    return List.of(PluginRunner.NAGIOS_PLUGINS, PluginRunner.AGENT_SCRIPTS);
  }
}
