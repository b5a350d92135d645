package io.vigil.agent.cli;

import io.vigil.agent.check.script.ScriptCheckKind;
import io.vigil.agent.transport.ServerTls;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Parses {@code --option value} arguments and an optional {@code --config FILE} properties file
 * with the same keys (without the dashes; {@code server} may list URLs separated by commas).
 * Command line values win over the file. Unknown options fail fast, so a typo never silently falls
 * back to a default.
 */
public final class AgentOptionsParser {

  static final String USAGE =
      """
      usage: java -jar vigil-agent.jar --server URL [--server URL2]
                 (--enrol-token TOKEN | --enrol-token-file FILE) --state-dir DIR
                 [--spool-max-mb 256] [--spool-max-age 7d]
                 [--push-interval-seconds 10] [--batch-max-points 5000]
                 [--script-dir DIR]... [--server-ca FILE | --server-fingerprint SHA256:HEX]
                 [--config FILE]
        --spool-max-mb and --spool-max-age (30m, 12h, 7d) bound each server's spool; the
        oldest batches are dropped first and counted in agent.spool_dropped_total.
        --script-dir (repeatable) replaces the directories script checks may run from
        (default /usr/lib/nagios/plugins and /etc/vigil-agent/scripts).
        https servers are verified with the JVM's trust store and host name, unless
        --server-ca FILE (PEM certificate(s) to trust instead; host name still checked) or
        --server-fingerprint SHA256:<hex or base64> (accept exactly the certificate with that
        SHA-256, e.g. the server's <data-dir>/tls/fingerprint) is given.
        Every option may also be set in the --config properties file, key without dashes
        (server=https://a:8443,https://b:8443; script-dir=/dir1,/dir2).""";

  private static final Set<String> KEYS =
      Set.of(
          "server",
          "enrol-token",
          "enrol-token-file",
          "state-dir",
          "spool-max-mb",
          "spool-max-age",
          "push-interval-seconds",
          "batch-max-points",
          "script-dir",
          "server-ca",
          "server-fingerprint",
          "config");

  private AgentOptionsParser() {}

  public static String usage() {
    return USAGE;
  }

  public static AgentOptions parse(String... args) {
    Map<String, List<String>> cli = readArgs(args);
    Map<String, List<String>> merged = new LinkedHashMap<>();
    List<String> config = cli.get("config");
    if (config != null) {
      merged.putAll(readFile(Path.of(single("config", config))));
    }
    merged.putAll(cli);
    merged.remove("config");
    return build(merged);
  }

  private static Map<String, List<String>> readArgs(String[] args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new OptionsException("unexpected argument '" + arg + "'");
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new OptionsException("option --" + key + " needs a value");
        }
        value = args[++i];
      }
      requireKnown(key, "option --" + key);
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return values;
  }

  private static Map<String, List<String>> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new OptionsException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String key : props.stringPropertyNames()) {
      requireKnown(key, "key '" + key + "' in " + file);
      if (key.equals("config")) {
        throw new OptionsException("a config file cannot include another (" + file + ")");
      }
      List<String> list = new ArrayList<>();
      for (String part : props.getProperty(key).split(",")) {
        if (!part.isBlank()) {
          list.add(part.strip());
        }
      }
      values.put(key, list);
    }
    return values;
  }

  private static void requireKnown(String key, String what) {
    if (!KEYS.contains(key)) {
      throw new OptionsException("unknown " + what + "; known: " + String.join(", ", sorted()));
    }
  }

  private static List<String> sorted() {
    return KEYS.stream().sorted().toList();
  }

  private static AgentOptions build(Map<String, List<String>> v) {
    List<URI> servers = new ArrayList<>();
    for (String url : v.getOrDefault("server", List.of())) {
      servers.add(serverUri(url));
    }
    if (servers.stream().distinct().count() != servers.size()) {
      throw new OptionsException("the same --server is given twice");
    }
    String token = optional("enrol-token", v);
    String tokenFile = optional("enrol-token-file", v);
    if (token != null && tokenFile != null) {
      throw new OptionsException("give either --enrol-token or --enrol-token-file, not both");
    }
    if (tokenFile != null) {
      token = readToken(Path.of(tokenFile));
    }
    String stateDir = optional("state-dir", v);
    return new AgentOptions(
        servers,
        token,
        stateDir == null ? null : Path.of(stateDir),
        number("spool-max-mb", v, AgentOptions.DEFAULT_SPOOL_MAX_MB) * 1024 * 1024,
        Duration.ofSeconds(
            number("push-interval-seconds", v, AgentOptions.DEFAULT_PUSH_INTERVAL.toSeconds())),
        (int) number("batch-max-points", v, AgentOptions.DEFAULT_BATCH_MAX_POINTS),
        scriptDirs(v),
        tls(v),
        duration("spool-max-age", v, AgentOptions.DEFAULT_SPOOL_MAX_AGE));
  }

  /** A duration like {@code 90s}, {@code 30m}, {@code 12h} or {@code 7d}. */
  private static Duration duration(String key, Map<String, List<String>> v, Duration fallback) {
    String value = optional(key, v);
    if (value == null) {
      return fallback;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,9})([smhd])").matcher(value.strip());
    if (!m.matches()) {
      throw new OptionsException(
          "--" + key + " must be a number with s, m, h or d (e.g. 7d), was '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static ServerTls tls(Map<String, List<String>> v) {
    String ca = optional("server-ca", v);
    String fingerprint = optional("server-fingerprint", v);
    if (ca != null && fingerprint != null) {
      throw new OptionsException("give either --server-ca or --server-fingerprint, not both");
    }
    try {
      if (ca != null) {
        return ServerTls.trusting(Path.of(ca.strip()));
      }
      if (fingerprint != null) {
        return ServerTls.pinned(ServerTls.parseFingerprint(fingerprint));
      }
      return ServerTls.defaults();
    } catch (IllegalArgumentException e) {
      throw new OptionsException(e.getMessage());
    }
  }

  private static List<Path> scriptDirs(Map<String, List<String>> v) {
    List<String> given = v.get("script-dir");
    if (given == null) {
      return ScriptCheckKind.defaultScriptDirs();
    }
    List<Path> dirs = new ArrayList<>();
    for (String dir : given) {
      if (dir.isBlank()) {
        throw new OptionsException("--script-dir must not be empty");
      }
      dirs.add(Path.of(dir.strip()).normalize());
    }
    return dirs;
  }

  private static URI serverUri(String url) {
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new OptionsException("--server must be an http(s) URL, was '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new OptionsException("--server is not a valid URL: '" + url + "'");
    }
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new OptionsException("enrolment token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new OptionsException("cannot read enrolment token file " + file + ": " + e);
    }
  }

  private static String optional(String key, Map<String, List<String>> v) {
    List<String> values = v.get(key);
    return values == null ? null : single(key, values);
  }

  private static String single(String key, List<String> values) {
    if (values.size() != 1) {
      throw new OptionsException("--" + key + " may be given only once");
    }
    return values.getFirst();
  }

  private static long number(String key, Map<String, List<String>> v, long defaultValue) {
    String value = optional(key, v);
    if (value == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n < 1) {
        throw new OptionsException("--" + key + " must be a positive number, was " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new OptionsException("--" + key + " must be a whole number, was '" + value + "'");
    }
  }
}
