package io.vigil.weblog.analyze;

import io.vigil.weblog.TrafficAggregator;
import io.vigil.weblog.parse.LogFormat;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vigil weblog analyze FILE [--format combined|common|nginx|apache] [--log-format '...']
 * [--top N] [--json] [--threads N] [--collapse-ids]}: parses a whole access log with the agent's
 * parser and aggregator and prints the report ({@link AnalysisReport}) to standard output. Exit
 * status 0, or 2 with a message on standard error for bad arguments or an unreadable file.
 */
public final class WeblogCommand {

  /** Counters per top table: more than the agent's 1,000, the analyzer has the memory. */
  static final int COUNTERS = 10_000;

  static final String USAGE =
      """
      usage: vigil weblog analyze FILE [--format combined|common|nginx|apache] [--log-format '...']
                                       [--top N] [--json] [--threads N] [--collapse-ids]
        --format        log format, default combined
        --log-format    the nginx log_format body or Apache LogFormat string (nginx, apache)
        --top           rows per top table, 1..1000, default 10
        --json          JSON instead of text
        --threads       parser threads, default: the number of CPUs (at most 8)
        --collapse-ids  also write numeric, UUID and long hex path segments as {id}
      """;

  private WeblogCommand() {}

  /** Parsed arguments. */
  record Options(
      Path file,
      String format,
      String logFormat,
      int top,
      boolean json,
      int threads,
      boolean collapseIds) {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int status = run(args, out, err);
    out.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    Options options;
    LogFormat format;
    try {
      options = parse(args);
      format = LogFormat.of(options.format(), options.logFormat());
    } catch (IllegalArgumentException e) {
      err.println("vigil weblog: " + e.getMessage());
      err.print(USAGE);
      err.flush();
      return 2;
    }
    if (!Files.isRegularFile(options.file()) || !Files.isReadable(options.file())) {
      err.println("vigil weblog: cannot read " + options.file());
      return 2;
    }
    try {
      long started = System.nanoTime();
      TrafficAggregator aggregate =
          FileAnalyzer.analyze(
              options.file(),
              format,
              new TrafficAggregator.Settings(COUNTERS, options.collapseIds(), 0, true),
              options.threads());
      double seconds = (System.nanoTime() - started) / 1e9;
      AnalysisReport report =
          AnalysisReport.of(
              options.file().toString(), aggregate, options.top(), seconds, options.threads());
      if (options.json()) {
        out.print(report.json());
      } else {
        report.printText(out);
      }
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("vigil weblog: reading " + options.file() + " failed: " + e.getMessage());
      return 2;
    }
  }

  static Options parse(String[] args) {
    if (args.length == 0 || !args[0].equals("analyze")) {
      throw new IllegalArgumentException("the only command is: analyze FILE");
    }
    Path file = null;
    String format = "combined";
    String logFormat = null;
    int top = 10;
    boolean json = false;
    int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    boolean collapse = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--format" -> format = value != null ? value : next(args, ++i, a);
        case "--log-format" -> logFormat = value != null ? value : next(args, ++i, a);
        case "--top" -> top = number(value != null ? value : next(args, ++i, a), a, 1, 1000);
        case "--threads" -> threads = number(value != null ? value : next(args, ++i, a), a, 1, 64);
        case "--json" -> json = true;
        case "--collapse-ids" -> collapse = true;
        default -> {
          if (a.startsWith("--") || file != null) {
            throw new IllegalArgumentException("unexpected argument " + a);
          }
          file = Path.of(a);
        }
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("FILE is missing");
    }
    return new Options(file, format, logFormat, top, json, threads, collapse);
  }

  private static String next(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String text, String option, int min, int max) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
    }
  }
}
