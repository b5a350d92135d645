package io.vigil.server.notify;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which problems reach whom, how. A problem matches when its severity is at least {@code
 * minSeverity} and every given match holds: {@code host} (host key), {@code group} (host group name
 * the host belongs to), {@code tag} ({@code key=value} in the problem's series).
 *
 * @param levels level 0 is notified at once, later levels while the problem stays unacknowledged
 * @param repeatMinutes re-send the level 0 notice every so many minutes while the problem stays
 *     open and unacknowledged; 0 never (fractional minutes allowed)
 */
public record Route(
    long id,
    String name,
    boolean enabled,
    String minSeverity,
    String host,
    String group,
    String tag,
    List<String> channels,
    List<Level> levels,
    double repeatMinutes,
    boolean notifyRecovery) {

  static final Set<String> CHANNELS = Set.of("email", "sms", "webhook", "in_app");

  /**
   * One escalation level; {@code afterMinutes} counts from the problem's opening and may be
   * fractional (0.05 = 3 seconds).
   */
  public record Level(double afterMinutes, List<Long> recipients, List<Long> groups) {
    public Level {
      if (!(afterMinutes >= 0) || afterMinutes > 7 * 24 * 60) {
        throw new InvalidInputException("levels.afterMinutes must be 0..10080");
      }
      recipients = recipients == null ? List.of() : List.copyOf(recipients);
      groups = groups == null ? List.of() : List.copyOf(groups);
      if (recipients.isEmpty() && groups.isEmpty()) {
        throw new InvalidInputException("levels need recipients or groups");
      }
    }

    long afterMillis() {
      return Math.round(afterMinutes * 60_000);
    }
  }

  public Route {
    name = Fields.name("name", name);
    if (minSeverity == null) {
      minSeverity = "warning";
    }
    minSeverity = minSeverity.toLowerCase(Locale.ROOT);
    severity(minSeverity);
    host = blankToNull(host);
    group = blankToNull(group);
    tag = blankToNull(tag);
    if (tag != null && (tag.indexOf('=') < 1 || tag.length() > 200)) {
      throw new InvalidInputException("tag must be key=value");
    }
    if (channels == null || channels.isEmpty()) {
      throw new InvalidInputException("channels is required: email, sms, webhook, in_app");
    }
    channels = channels.stream().distinct().toList();
    for (String channel : channels) {
      if (!CHANNELS.contains(channel)) {
        throw new InvalidInputException("channels: unknown channel " + channel);
      }
    }
    if (levels == null || levels.isEmpty()) {
      throw new InvalidInputException("levels is required");
    }
    levels = List.copyOf(levels);
    if (levels.get(0).afterMinutes() != 0) {
      throw new InvalidInputException("levels: the first level must have afterMinutes 0");
    }
    for (int i = 1; i < levels.size(); i++) {
      if (levels.get(i).afterMinutes() <= levels.get(i - 1).afterMinutes()) {
        throw new InvalidInputException("levels: afterMinutes must increase from level to level");
      }
    }
    if (!(repeatMinutes >= 0) || repeatMinutes > 7 * 24 * 60) {
      throw new InvalidInputException("repeatMinutes must be 0..10080");
    }
  }

  Route withId(long newId) {
    return new Route(
        newId,
        name,
        enabled,
        minSeverity,
        host,
        group,
        tag,
        channels,
        levels,
        repeatMinutes,
        notifyRecovery);
  }

  static Severity severity(String text) {
    try {
      return Severity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "minSeverity must be one of info, warning, minor, major, critical");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
