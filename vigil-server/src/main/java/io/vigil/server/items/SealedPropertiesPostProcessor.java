package io.vigil.server.items;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Properties may hold sealed secrets ({@code vigil.notify.smtp.password=enc:v1:…}, made with {@code
 * POST /api/v1/secrets/seal}), so SMTP and SMPP passwords are not kept in clear in configuration
 * files or environments. They are opened at start with the secrets key ({@code
 * vigil.secrets.key-file}, default {@code <data-dir>/secrets.key}) into a property source that
 * takes precedence; a sealed value that cannot be opened stops the start with its property's name.
 */
public final class SealedPropertiesPostProcessor implements EnvironmentPostProcessor, Ordered {

  private static final String SOURCE = "vigilOpenedSecrets";

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 20;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> opened = new LinkedHashMap<>();
    // Environment variables (VIGIL_NOTIFY_SMTP_PASSWORD) bind through their own kind of source.
    Map<String, Object> openedEnvironment = new LinkedHashMap<>();
    SecretBox box = null;
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> names)) {
        continue;
      }
      for (String name : names.getPropertyNames()) {
        Map<String, Object> into =
            source instanceof SystemEnvironmentPropertySource ? openedEnvironment : opened;
        if (into.containsKey(name)
            || !(source.getProperty(name) instanceof String value)
            || !SecretBox.isSealed(value)
            // a source of higher precedence gives the property another value
            || !value.equals(environment.getProperty(name))) {
          continue;
        }
        if (box == null) {
          box = box(environment, name);
        }
        try {
          into.put(name, box.open(value));
        } catch (IllegalStateException e) {
          throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
      }
    }
    if (!openedEnvironment.isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new SystemEnvironmentPropertySource(SOURCE + "Env", openedEnvironment));
    }
    if (!opened.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, opened));
    }
  }

  private static SecretBox box(ConfigurableEnvironment environment, String property) {
    String configured = environment.getProperty("vigil.secrets.key-file");
    Path key =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(environment.getProperty("vigil.data-dir", "./data")).resolve("secrets.key");
    if (!Files.isRegularFile(key)) {
      throw new IllegalStateException(
          property + " is sealed, but there is no secrets key at " + key.toAbsolutePath());
    }
    return SecretBox.fromKeyFile(key);
  }
}
