package io.vigil.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The server's self-signed certificate in {@code <data-dir>/tls/}: a PKCS12 key store (EC P-256,
 * ten years) made once with the running JDK's {@code keytool}, its random password, the certificate
 * as PEM (for an agent's {@code --server-ca}) and its SHA-256 fingerprint (for {@code
 * --server-fingerprint}). Every file is readable by the owner only.
 */
final class SelfSignedCertificate {

  static final String ALIAS = "vigil";
  static final String KEY_STORE = "keystore.p12";
  static final String PASSWORD = "keystore.password";
  static final String PEM = "certificate.pem";
  static final String FINGERPRINT = "fingerprint";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.*-]{0,252})?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Path dir;
  private final String password;
  private final String fingerprint;
  private final boolean generated;

  private SelfSignedCertificate(Path dir, String password, String fingerprint, boolean generated) {
    this.dir = dir;
    this.password = password;
    this.fingerprint = fingerprint;
    this.generated = generated;
  }

  /** Loads the certificate of an earlier start, or makes one for these host names. */
  static SelfSignedCertificate loadOrCreate(Path dir, List<String> hostnames) {
    try {
      Path keyStore = dir.resolve(KEY_STORE);
      boolean generated = false;
      if (!Files.exists(keyStore)) {
        generate(dir, hostnames);
        generated = true;
      }
      String password = Files.readString(dir.resolve(PASSWORD), StandardCharsets.UTF_8).strip();
      Certificate certificate = certificate(keyStore, password);
      String fingerprint = fingerprint(certificate);
      writePrivate(dir.resolve(PEM), pem(certificate));
      writePrivate(dir.resolve(FINGERPRINT), fingerprint + "\n");
      return new SelfSignedCertificate(dir, password, fingerprint, generated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the TLS certificate in " + dir, e);
    }
  }

  /** The default host names: this machine's name, localhost and 127.0.0.1. */
  static List<String> defaultHostnames() {
    Set<String> names = new LinkedHashSet<>();
    try {
      String hostname = InetAddress.getLocalHost().getHostName();
      if (NAME.matcher(hostname).matches()) {
        names.add(hostname);
      }
    } catch (UnknownHostException e) {
      // no resolvable host name: localhost and 127.0.0.1 only
    }
    names.add("localhost");
    names.add("127.0.0.1");
    return List.copyOf(names);
  }

  Path keyStore() {
    return dir.resolve(KEY_STORE);
  }

  String password() {
    return password;
  }

  /** {@code SHA256:} and the colon-separated hex digest of the DER certificate. */
  String fingerprint() {
    return fingerprint;
  }

  boolean generated() {
    return generated;
  }

  static String fingerprint(Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot hash the TLS certificate", e);
    }
  }

  private static void generate(Path dir, List<String> hostnames) throws IOException {
    if (hostnames.isEmpty()) {
      throw new IllegalStateException("vigil.tls.hostnames must name at least one host");
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    writePrivate(dir.resolve(PASSWORD), password + "\n");
    Path partial = dir.resolve(KEY_STORE + ".partial");
    Files.deleteIfExists(partial);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-validity",
            "3650",
            "-dname",
            "CN=" + hostnames.getFirst(),
            "-ext",
            subjectAlternativeNames(hostnames),
            "-keystore",
            partial.toString(),
            "-storetype",
            "PKCS12",
            "-storepass:env",
            "VIGIL_TLS_PASSWORD",
            "-noprompt"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("VIGIL_TLS_PASSWORD", password);
    Process keytool = builder.start();
    String output;
    try (InputStream out = keytool.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        keytool.destroyForcibly();
        throw new IllegalStateException("keytool could not make the TLS certificate: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making the TLS certificate", e);
    }
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    Files.move(partial, dir.resolve(KEY_STORE), StandardCopyOption.ATOMIC_MOVE);
  }

  static String subjectAlternativeNames(List<String> hostnames) {
    List<String> entries = new ArrayList<>();
    for (String name : hostnames) {
      if (IPV4.matcher(name).matches() || name.contains(":")) {
        if (!name.matches("[0-9A-Fa-f:.]+")) {
          throw new IllegalStateException("vigil.tls.hostnames: invalid address '" + name + "'");
        }
        entries.add("ip:" + name);
      } else if (NAME.matcher(name).matches()) {
        entries.add("dns:" + name.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalStateException("vigil.tls.hostnames: invalid host name '" + name + "'");
      }
    }
    return "SAN=" + String.join(",", entries);
  }

  private static Certificate certificate(Path keyStore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Certificate certificate = store.getCertificate(ALIAS);
      if (certificate == null) {
        throw new IllegalStateException(keyStore + " holds no '" + ALIAS + "' certificate");
      }
      return certificate;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the TLS key store " + keyStore, e);
    }
  }

  private static String pem(Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the TLS certificate", e);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
