package io.vigil.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.storage.victoriametrics.VictoriaMetricsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code vigil.storage.*} bound as Spring binds it at start, unknown keys refused. */
class StoragePropertiesTest {

  private static StorageProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate(
            "vigil.storage",
            Bindable.of(StorageProperties.class),
            new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
  }

  @Test
  void theEmbeddedEngineIsTheDefault() {
    StorageProperties properties = bind(Map.of());
    assertThat(properties.engine()).isEqualTo(StorageProperties.Engine.EMBEDDED);
    assertThat(properties.victoriametrics().url()).isNull();
  }

  @Test
  void aVictoriaMetricsClusterIsConfiguredByItsUrls() {
    StorageProperties properties =
        bind(
            Map.of(
                "vigil.storage.engine", "victoriametrics",
                "vigil.storage.victoriametrics.url", "http://vminsert:8480/insert/0/prometheus",
                "vigil.storage.victoriametrics.query-url",
                    "http://vmselect:8481/select/0/prometheus/",
                "vigil.storage.victoriametrics.metrics-urls",
                    "http://vmstorage-1:8482/metrics,http://vmstorage-2:8482/metrics",
                "vigil.storage.victoriametrics.bearer-token", "t0ken",
                "vigil.storage.victoriametrics.write-timeout", "3s",
                "vigil.storage.victoriametrics.max-request-size", "1MB",
                "vigil.storage.victoriametrics.gzip", "false"));

    VictoriaMetricsSettings settings = properties.victoriametrics().settings();

    assertThat(properties.engine()).isEqualTo(StorageProperties.Engine.VICTORIAMETRICS);
    assertThat(settings.writeUrl())
        .isEqualTo(URI.create("http://vminsert:8480/insert/0/prometheus"));
    assertThat(settings.queryUrl())
        .isEqualTo(URI.create("http://vmselect:8481/select/0/prometheus"));
    assertThat(settings.metricsUrls()).hasSize(2);
    assertThat(settings.bearerToken()).isEqualTo("t0ken");
    assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.maxRequestBytes()).isEqualTo(1024 * 1024);
    assertThat(settings.gzip()).isFalse();
    assertThat(settings.writeRetries()).isEqualTo(2);
  }

  @Test
  void mistakesStopTheStartWithTheKeyInTheMessage() {
    assertThatThrownBy(() -> bind(Map.of("vigil.storage.engine", "victoriametrics")))
        .hasStackTraceContaining("needs vigil.storage.victoriametrics.url");
    assertThatThrownBy(() -> bind(Map.of("vigil.storage.engine", "influx")))
        .hasStackTraceContaining("vigil.storage.engine");
    assertThatThrownBy(() -> bind(Map.of("vigil.storage.victoriametrics.urll", "http://vm")))
        .hasStackTraceContaining("vigil.storage.victoriametrics.urll");
    StorageProperties badTimeout =
        bind(
            Map.of(
                "vigil.storage.victoriametrics.url", "http://vm:8428",
                "vigil.storage.victoriametrics.query-timeout", "0s"));
    assertThatThrownBy(() -> badTimeout.victoriametrics().settings())
        .hasMessageContaining("vigil.storage.victoriametrics: query timeout must be positive");
  }
}
