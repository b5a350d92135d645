package io.vigil.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.web.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  static PasswordPolicy policy(int minLength) {
    return new PasswordPolicy(
        new AuthProperties(
            new AuthProperties.Password(minLength),
            new AuthProperties.Lockout(5, Duration.ofMinutes(15)),
            new AuthProperties.LoginRate(10, Duration.ofMinutes(1), 10_000)));
  }

  @Test
  void acceptsALongUncommonPassword() {
    assertThatCode(() -> policy(12).check("ana", "sturdy-Lantern-4711")).doesNotThrowAnyException();
  }

  @Test
  void refusesShortLongUsernameAndCommonPasswords() {
    PasswordPolicy policy = policy(12);
    assertThatThrownBy(() -> policy.check("ana", "eleven-char"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("at least 12");
    assertThatThrownBy(() -> policy.check("ana", "y".repeat(201)))
        .hasMessageContaining("at most 200");
    assertThatThrownBy(() -> policy.check("Ana", "xx-ANA-is-my-name"))
        .hasMessageContaining("username");
    assertThatThrownBy(() -> policy.check("ana", "PASSWORD1234"))
        .hasMessageContaining("too common");
    assertThatThrownBy(() -> policy.check("ana", "")).hasMessageContaining("required");
  }

  @Test
  void theMinimumLengthIsConfigurableWithinBounds() {
    assertThatCode(() -> policy(20).check("ana", "sturdy-Lantern-4711"))
        .hasMessageContaining("at least 20");
    assertThatThrownBy(() -> new AuthProperties.Password(4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthProperties.Lockout(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
