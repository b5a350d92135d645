package io.vigil.server.notify;

import io.vigil.model.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Someone (or something) notified. Each address is optional; a channel is only planned for a
 * recipient that has its address (e-mail, phone, webhook URL; in-app needs none).
 *
 * @param id database id (0 before insert)
 * @param name unique, at most 100 characters
 * @param email e-mail address or null
 * @param phone phone number ({@code +} and digits) or null
 * @param webhookUrl http(s) URL or null
 * @param webhookFormat {@code json} or {@code slack}
 * @param language {@code en} or {@code ko}
 * @param enabled disabled recipients are never planned
 * @param onCall when the recipient is on call; empty: always
 */
public record Recipient(
    long id,
    String name,
    String email,
    String phone,
    String webhookUrl,
    String webhookFormat,
    String language,
    boolean enabled,
    List<OnCall> onCall) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,20}");

  public Recipient {
    name = Fields.name("name", name);
    email = blankToNull(email);
    phone = blankToNull(phone);
    webhookUrl = blankToNull(webhookUrl);
    webhookFormat = webhookFormat == null ? "json" : webhookFormat;
    language = language == null ? "en" : language;
    onCall = onCall == null ? List.of() : List.copyOf(onCall);
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      throw new InvalidInputException("email is not an e-mail address");
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw new InvalidInputException("phone must be + and 3..20 digits");
    }
    if (webhookUrl != null) {
      checkUrl(webhookUrl);
    }
    if (!webhookFormat.equals("json") && !webhookFormat.equals("slack")) {
      throw new InvalidInputException("webhookFormat must be json or slack");
    }
    if (!language.equals("en") && !language.equals("ko")) {
      throw new InvalidInputException("language must be en or ko");
    }
  }

  Recipient withId(long newId) {
    return new Recipient(
        newId, name, email, phone, webhookUrl, webhookFormat, language, enabled, onCall);
  }

  /** Whether {@code channel} can reach this recipient at all. */
  boolean reachableBy(String channel) {
    return switch (channel) {
      case "email" -> email != null;
      case "sms" -> phone != null;
      case "webhook" -> webhookUrl != null;
      default -> true;
    };
  }

  private static void checkUrl(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new InvalidInputException("webhookUrl must be an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("webhookUrl must be an http(s) URL");
    }
    if (url.length() > 2000) {
      throw new InvalidInputException("webhookUrl is longer than 2000 characters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
