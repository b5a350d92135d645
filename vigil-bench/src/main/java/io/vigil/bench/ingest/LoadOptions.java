package io.vigil.bench.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line options of the {@link IngestLoadGenerator}. The timed phase is {@code warmup}
 * followed by {@code duration}; only the latter is measured.
 *
 * @param server base URL of the Vigil server; must resolve to loopback addresses only
 * @param enrolToken the enrolment token agents trade for their own tokens
 * @param agents number of simulated agents
 * @param series samples per agent per interval
 * @param interval how often each agent sends one batch
 * @param duration measured phase
 * @param warmup unmeasured phase before it
 * @param serverPid when present, the server process whose RSS and CPU are sampled
 * @param concurrency maximum requests in flight (and so keep-alive connections)
 * @param tokenCache file of agent tokens kept between runs, when present
 * @param enrolConcurrency enrolments in flight before the timed phase
 * @param timeout per request
 * @param reportEvery period of the progress lines
 * @param hostPrefix simulated hostnames are this prefix plus a number
 */
record LoadOptions(
    URI server,
    String enrolToken,
    int agents,
    int series,
    Duration interval,
    Duration duration,
    Duration warmup,
    OptionalLong serverPid,
    int concurrency,
    Optional<Path> tokenCache,
    int enrolConcurrency,
    Duration timeout,
    Duration reportEvery,
    String hostPrefix) {

  static final String USAGE =
      """
      usage: IngestLoadGenerator --server http://127.0.0.1:8080 --enrol-token TOKEN
               --agents 10000 --series 200 --interval 10s --duration 10m
               [--warmup 1m] [--server-pid PID] [--concurrency 512] [--token-cache FILE]
               [--enrol-concurrency 16] [--timeout 30s] [--report-every 10s]
               [--host-prefix bench-]
        durations: 500ms, 10s, 10m, 1h or ISO-8601 (PT10S)""";

  private static final Set<String> KEYS =
      Set.of(
          "server",
          "enrol-token",
          "agents",
          "series",
          "interval",
          "duration",
          "warmup",
          "server-pid",
          "concurrency",
          "token-cache",
          "enrol-concurrency",
          "timeout",
          "report-every",
          "host-prefix");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  LoadOptions {
    require(agents >= 1, "--agents must be at least 1");
    require(series >= 1, "--series must be at least 1");
    require(positive(interval), "--interval must be positive");
    require(positive(duration), "--duration must be positive");
    require(!warmup.isNegative(), "--warmup must not be negative");
    require(concurrency >= 1, "--concurrency must be at least 1");
    require(enrolConcurrency >= 1, "--enrol-concurrency must be at least 1");
    require(positive(timeout), "--timeout must be positive");
    require(positive(reportEvery), "--report-every must be positive");
    require(enrolToken != null && !enrolToken.isBlank(), "--enrol-token is required");
    require(
        hostPrefix != null && hostPrefix.matches("[A-Za-z0-9.-]{1,64}"),
        "--host-prefix must be 1-64 letters, digits, dots or dashes");
    require(
        server != null
            && ("http".equals(server.getScheme()) || "https".equals(server.getScheme()))
            && server.getHost() != null,
        "--server must be an http(s) URL with a host");
  }

  /** Parses {@code --key value} pairs; throws {@link IllegalArgumentException} with the reason. */
  static LoadOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String key = arg.substring(2);
      String value = null;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      }
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown option: --" + key);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + key + " needs a value");
        }
        value = args[++i];
      }
      if (values.put(key, value) != null) {
        throw new IllegalArgumentException("--" + key + " given twice");
      }
    }
    for (String required :
        new String[] {"server", "enrol-token", "agents", "series", "interval", "duration"}) {
      if (!values.containsKey(required)) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    int agents = integer(values, "agents", 0);
    String server = values.get("server");
    return new LoadOptions(
        URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server),
        values.get("enrol-token"),
        agents,
        integer(values, "series", 0),
        duration(values, "interval", null),
        duration(values, "duration", null),
        duration(values, "warmup", Duration.ofMinutes(1)),
        values.containsKey("server-pid")
            ? OptionalLong.of(integer(values, "server-pid", 0))
            : OptionalLong.empty(),
        integer(values, "concurrency", Math.min(agents, 512)),
        Optional.ofNullable(values.get("token-cache")).map(Path::of),
        integer(values, "enrol-concurrency", 16),
        duration(values, "timeout", Duration.ofSeconds(30)),
        duration(values, "report-every", Duration.ofSeconds(10)),
        values.getOrDefault("host-prefix", "bench-"));
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a duration: " + text + " (use e.g. 500ms, 10s, 10m, 1h)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /**
   * Refuses a server that is not on this machine: the generator is a benchmark, not a way to load
   * someone else's service.
   */
  void requireLoopback() {
    try {
      for (InetAddress address : InetAddress.getAllByName(server.getHost())) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "--server must be a loopback address; " + server.getHost() + " is " + address);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--server host does not resolve: " + server.getHost(), e);
    }
  }

  /** Batches per second the whole simulated fleet sends. */
  double targetRequestsPerSecond() {
    return agents / (interval.toNanos() / 1e9);
  }

  private static int integer(Map<String, String> values, String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer: " + v, e);
    }
  }

  private static Duration duration(Map<String, String> values, String key, Duration fallback) {
    String v = values.get(key);
    return v == null ? fallback : parseDuration(v);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
