package io.vigil.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random bearer secrets and their stored form. A secret has 190 bits of entropy, so storing its
 * SHA-256 is as safe as a slow password hash and lets a request find its token with one indexed
 * lookup.
 */
public final class SecretTokens {

  /** Per-agent token prefix, so a leaked token says what it is. */
  public static final String AGENT_PREFIX = "vgl_a_";

  public static final String USER_PREFIX = "vgl_u_";
  public static final String ENROLMENT_PREFIX = "vgl_e_";

  /** Ingest tokens of line-protocol and Glances writers. */
  public static final String INGEST_PREFIX = "vgl_i_";

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretTokens() {}

  public static String generate(String prefix) {
    return prefix + randomText(32);
  }

  /** Random text over [A-Za-z0-9], e.g. for generated passwords. */
  public static String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  public static String sha256Hex(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
