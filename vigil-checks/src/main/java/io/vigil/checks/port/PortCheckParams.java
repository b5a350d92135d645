package io.vigil.checks.port;

import io.vigil.checks.CheckParams;
import io.vigil.model.InvalidInputException;
import java.util.Map;
import java.util.Set;

/**
 * The text parameters of a {@code port} item (catalog/checks/port.yml) and how they become {@link
 * PortCheckSettings}: one mapping for the agent and for the server's agentless checks.
 */
public final class PortCheckParams {

  public static final String KIND = "port";

  /** Where a port item connects when it names no {@code host} and the caller gives no default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final int DEFAULT_CERT_WARN_DAYS = 14;
  public static final int DEFAULT_CERT_CRIT_DAYS = 7;

  /** Every parameter a port item may give. */
  public static final Set<String> NAMES =
      Set.of(
          "host",
          "port",
          "timeout",
          "send",
          "expect",
          "tls",
          "connect_warn",
          "connect_crit",
          "cert_warn_days",
          "cert_crit_days");

  private PortCheckParams() {}

  /**
   * The settings of a port item given as text.
   *
   * @param defaultHost where to connect when the item names no {@code host} (an agentless host's
   *     address), null for {@link #DEFAULT_HOST}
   * @throws InvalidInputException naming the parameter that is unknown, missing or invalid
   */
  public static PortCheckSettings settings(Map<String, String> params, String defaultHost) {
    return settings(new CheckParams(KIND, params, NAMES), defaultHost);
  }

  /**
   * The settings of a port item already split into typed parameters.
   *
   * @param defaultHost as for {@link #settings(Map, String)}
   * @throws InvalidInputException naming the parameter that is missing or invalid
   */
  public static PortCheckSettings settings(CheckParams p, String defaultHost) {
    boolean tls = p.bool("tls", false);
    PortCheckSettings.Builder b =
        PortCheckSettings.builder(
                p.string("host", defaultHost == null ? DEFAULT_HOST : defaultHost).strip(),
                p.requiredInteger("port", 1, 65535))
            .timeout(p.duration("timeout", PortCheckSettings.DEFAULT_TIMEOUT))
            .send(p.string("send", null))
            .tls(tls)
            .connectTime(p.optionalDuration("connect_warn"), p.optionalDuration("connect_crit"));
    if (p.has("expect")) {
      b.expect(p.regex("expect").pattern());
    }
    if (tls) {
      b.certDaysLeft(
          p.integer("cert_warn_days", DEFAULT_CERT_WARN_DAYS, 0, 3650),
          p.integer("cert_crit_days", DEFAULT_CERT_CRIT_DAYS, 0, 3650));
    }
    return p.build(b::build);
  }
}
