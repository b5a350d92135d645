package io.vigil.server.items;

import io.vigil.server.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secret item parameters at rest with AES-256-GCM. Ciphertext is text: {@code enc:v1:}
 * followed by base64 of a random 12-byte nonce and the sealed value with its 16-byte tag. The key
 * is read from {@code vigil.secrets.key-file}, or generated into {@code <data-dir>/secrets.key}
 * (mode 0600) on the first start; losing it makes stored secrets unreadable.
 */
@Component
public class SecretBox {

  static final String PREFIX = "enc:v1:";
  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  SecretBox(SecretsProperties properties, DataDirectory dataDir) {
    this(
        properties.keyFile() != null
            ? readKey(properties.keyFile())
            : loadOrCreate(dataDir.resolve("secrets.key")));
  }

  /** A box with the key in {@code file} (base64 of 32 bytes), as {@code secrets.key} holds it. */
  public static SecretBox fromKeyFile(Path file) {
    return new SecretBox(readKey(file));
  }

  /** A box with this 32-byte key. */
  public SecretBox(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secrets key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /**
   * A short fingerprint of the key (not the key): two servers of a pair compare them, as both must
   * open the secrets stored in their shared database.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("vigil secrets key fingerprint".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(key.getEncoded()), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String seal(String plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plain text; fails when the value was sealed with another key or was tampered with. */
  public String open(String sealed) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a stored secret is corrupt", e);
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("a stored secret is corrupt");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, NONCE_BYTES)));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a stored secret cannot be decrypted: was the secrets key replaced?", e);
    }
  }

  private static byte[] readKey(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      byte[] key = Base64.getDecoder().decode(text);
      if (key.length != KEY_BYTES) {
        throw new IllegalStateException(
            file + " must hold " + KEY_BYTES + " bytes in base64, holds " + key.length);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secrets key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not base64", e);
    }
  }

  private static byte[] loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return readKey(file);
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    byte[] text =
        (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      log.info(
          "Generated the key for secret item parameters in {}; back it up with the database", file);
      return key;
    } catch (FileAlreadyExistsException e) {
      return readKey(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the secrets key " + file, e);
    }
  }
}
