package io.vigil.server.notify;

import io.vigil.server.alerting.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Message texts per kind and language from {@code notify/messages_{en,ko}.properties} (UTF-8).
 * Placeholders: {@code ${id} ${rule} ${host} ${severity} ${status} ${text} ${value} ${series}
 * ${openedAt} ${level}}.
 */
@Component
class MessageTemplates {

  static final List<String> LANGUAGES = List.of("en", "ko");
  static final List<String> KINDS = List.of("problem", "escalation", "repeat", "recovery");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z]+)}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Map<String, Properties> bundles = new TreeMap<>();

  MessageTemplates() {
    for (String language : LANGUAGES) {
      bundles.put(language, load("notify/messages_" + language + ".properties"));
    }
  }

  Message render(String kind, int level, String language, Problem problem) {
    Properties bundle = bundles.getOrDefault(language, bundles.get("en"));
    Map<String, String> values = values(problem, level, language);
    return new Message(
        kind,
        level,
        fill(template(bundle, kind + ".subject"), values),
        fill(template(bundle, kind + ".body"), values),
        problem);
  }

  /** The raw template, for the completeness test. */
  String template(String language, String key) {
    return bundles.get(language).getProperty(key);
  }

  private static String template(Properties bundle, String key) {
    String text = bundle.getProperty(key);
    if (text == null) {
      throw new IllegalStateException("notify message template " + key + " is missing");
    }
    return text;
  }

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> values(Problem p, int level, String language) {
    Map<String, String> values = new TreeMap<>();
    values.put("id", Long.toString(p.id()));
    values.put("rule", p.ruleName());
    values.put("host", p.hostKey());
    values.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
    values.put("status", p.status().name().toLowerCase(Locale.ROOT));
    values.put("text", p.text() == null ? "" : p.text());
    values.put(
        "value",
        Double.isFinite(p.value())
            ? new BigDecimal(p.value())
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString()
            : "-");
    values.put("series", p.series().isEmpty() ? "-" : new TreeMap<>(p.series()).toString());
    values.put("openedAt", TIME.format(Instant.ofEpochMilli(p.openedAt())));
    values.put("level", Integer.toString(level));
    values.put("language", language);
    return values;
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
