package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must satisfy (NIST SP 800-63B): a minimum length, a maximum that keeps hashing
 * cheap, not the username, and not one of the bundled common passwords. No composition rules.
 */
@Component
class PasswordPolicy {

  static final int MAX_LENGTH = 200;
  static final String BLOCK_LIST = "/auth/common-passwords.txt";

  private final int minLength;
  private final Set<String> common;

  PasswordPolicy(AuthProperties properties) {
    this.minLength = properties.password().minLength();
    this.common = load();
  }

  int minLength() {
    return minLength;
  }

  /** 400 with the reason when {@code password} may not be used by {@code username}. */
  void check(String username, String password) {
    if (password == null || password.isEmpty()) {
      throw ApiException.badRequest("password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < minLength) {
      throw ApiException.badRequest("password must be at least " + minLength + " characters long");
    }
    if (length > MAX_LENGTH) {
      throw ApiException.badRequest("password must be at most " + MAX_LENGTH + " characters long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null
        && !username.isEmpty()
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw ApiException.badRequest("password must not contain the username");
    }
    if (common.contains(lower)) {
      throw ApiException.badRequest("password is too common; choose another one");
    }
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(BLOCK_LIST)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BLOCK_LIST);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
