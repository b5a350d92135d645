package io.vigil.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password policy, lock-out and login rate limit ({@code vigil.auth.*}); unknown keys fail the
 * start. The idle session timeout is Spring's {@code server.servlet.session.timeout} (30 minutes by
 * default).
 *
 * @param password what a new password must satisfy
 * @param lockout when repeated failed logins lock an account
 * @param loginRate how many login attempts one client address may make
 */
@ConfigurationProperties(prefix = "vigil.auth", ignoreUnknownFields = false)
public record AuthProperties(
    @DefaultValue Password password,
    @DefaultValue Lockout lockout,
    @DefaultValue LoginRate loginRate) {

  /**
   * @param minLength at least this many characters (NIST 800-63B: length and a block list, no
   *     composition rules)
   */
  public record Password(@DefaultValue("12") int minLength) {
    public Password {
      if (minLength < 8 || minLength > PasswordPolicy.MAX_LENGTH) {
        throw new IllegalArgumentException(
            "vigil.auth.password.min-length must be 8.." + PasswordPolicy.MAX_LENGTH);
      }
    }
  }

  /**
   * @param maxFailures consecutive failed logins that lock the account
   * @param duration how long it stays locked
   */
  public record Lockout(
      @DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration) {
    public Lockout {
      if (maxFailures < 1 || maxFailures > 1000) {
        throw new IllegalArgumentException("vigil.auth.lockout.max-failures must be 1..1000");
      }
      if (duration.toSeconds() < 1 || duration.toDays() > 7) {
        throw new IllegalArgumentException("vigil.auth.lockout.duration must be 1s..7d");
      }
    }
  }

  /**
   * @param maxAttempts login attempts (right or wrong) one client address may make per window
   * @param window the sliding window the attempts are counted in
   * @param maxClients client addresses remembered at once; beyond it the least recently seen is
   *     forgotten, so memory stays bounded whatever the number of addresses
   */
  public record LoginRate(
      @DefaultValue("10") int maxAttempts,
      @DefaultValue("1m") Duration window,
      @DefaultValue("10000") int maxClients) {
    public LoginRate {
      if (maxAttempts < 1 || maxAttempts > 10_000) {
        throw new IllegalArgumentException("vigil.auth.login-rate.max-attempts must be 1..10000");
      }
      if (window.toSeconds() < 1 || window.toHours() > 24) {
        throw new IllegalArgumentException("vigil.auth.login-rate.window must be 1s..24h");
      }
      if (maxClients < 1 || maxClients > 1_000_000) {
        throw new IllegalArgumentException("vigil.auth.login-rate.max-clients must be 1..1000000");
      }
    }
  }
}
