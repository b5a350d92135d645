package io.vigil.server.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code vigil.tls.mode}: {@code off} (plain HTTP, the default), {@code self-signed} (a certificate
 * made on first start in {@code <data-dir>/tls/} and reused afterwards) or {@code files} (Spring
 * Boot's own {@code server.ssl.*} settings). With TLS on, the UI, API and agent endpoints are all
 * served over HTTPS on {@code server.port} and the session cookie is {@code Secure}; Spring
 * Security adds the HSTS header to every HTTPS answer.
 */
public final class TlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String MODE = "vigil.tls.mode";
  static final String HOSTNAMES = "vigil.tls.hostnames";
  private static final String SOURCE = "vigilTls";

  private final Log log;

  public TlsEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(TlsEnvironmentPostProcessor.class);
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 10;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String mode = environment.getProperty(MODE, "off").strip().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "off" -> {}
      case "files" -> secureCookies(environment, Map.of());
      case "self-signed" -> selfSigned(environment);
      default ->
          throw new IllegalStateException(
              MODE + " must be off, self-signed or files, was '" + mode + "'");
    }
  }

  private void selfSigned(ConfigurableEnvironment environment) {
    String dataDir = environment.getProperty("vigil.data-dir", "./data");
    Path dir = Path.of(dataDir).toAbsolutePath().normalize().resolve("tls");
    String names = environment.getProperty(HOSTNAMES, "");
    List<String> hostnames =
        names.isBlank()
            ? SelfSignedCertificate.defaultHostnames()
            : Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(dir, hostnames);
    if (certificate.generated()) {
      log.warn(
          "\n\n  Generated a self-signed TLS certificate for "
              + String.join(", ", hostnames)
              + " in "
              + dir
              + "\n  Its fingerprint: "
              + certificate.fingerprint()
              + "\n  Agents: --server-fingerprint "
              + certificate.fingerprint()
              + "  (or --server-ca "
              + dir.resolve(SelfSignedCertificate.PEM)
              + ")\n");
    } else {
      log.info("TLS certificate " + certificate.fingerprint() + " from " + dir);
    }
    Map<String, Object> ssl = new HashMap<>();
    ssl.put("server.ssl.enabled", "true");
    ssl.put("server.ssl.key-store", certificate.keyStore().toString());
    ssl.put("server.ssl.key-store-type", "PKCS12");
    ssl.put("server.ssl.key-store-password", certificate.password());
    ssl.put("server.ssl.key-alias", SelfSignedCertificate.ALIAS);
    secureCookies(environment, ssl);
  }

  private static void secureCookies(ConfigurableEnvironment environment, Map<String, Object> ssl) {
    Map<String, Object> properties = new HashMap<>(ssl);
    properties.put("server.servlet.session.cookie.secure", "true");
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
  }
}
