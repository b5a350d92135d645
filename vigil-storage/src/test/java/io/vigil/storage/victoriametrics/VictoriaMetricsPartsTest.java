package io.vigil.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings, instants and the server's own pages: the small parts of the remote engine. */
class VictoriaMetricsPartsTest {

  @Test
  void instantsAreExactSecondsWithMillisecondFractions() {
    assertThat(Instants.seconds(1_733_570_000_123L)).isEqualTo("1733570000.123");
    assertThat(Instants.seconds(1_733_570_000_007L)).isEqualTo("1733570000.007");
    assertThat(Instants.seconds(1_733_570_000_050L)).isEqualTo("1733570000.050");
    assertThat(Instants.seconds(1_733_570_000_000L)).isEqualTo("1733570000");
    assertThat(Instants.millis(Double.parseDouble("1796630400.123"))).isEqualTo(1_796_630_400_123L);
    assertThat(Instants.duration(300_001)).isEqualTo("300001ms");
  }

  @Test
  void diskUseIsTheSumOfTheDataSizeSamples() {
    String metrics =
        """
        # HELP vm_data_size_bytes x
        vm_data_size_bytes{type="indexdb"} 1852
        vm_data_size_bytes{type="storage/big"} 1.5e+09
        vm_data_size_bytes{type="storage/small"} 709
        vm_data_size_bytes_other{type="x"} 1000000
        vm_free_disk_space_bytes{path="/d"} 79048077312
        """;
    assertThat(ServerPages.dataSizeBytes(metrics)).isEqualTo(1_500_002_561L);
    assertThat(ServerPages.dataSizeBytes("")).isZero();
  }

  @Test
  void deduplicationIsSeenOnlyWhenItsIntervalIsSet() {
    assertThat(ServerPages.deduplicates("-dedup.minScrapeInterval=\"1ms\"\n-foo=\"x\"")).isTrue();
    assertThat(ServerPages.deduplicates("-dedup.minScrapeInterval=\"0s\"")).isFalse();
    assertThat(ServerPages.deduplicates("-httpListenAddr=\":8428\"")).isFalse();
  }

  @Test
  void settingsNormaliseUrlsAndRefuseContradictions() {
    VictoriaMetricsSettings settings =
        VictoriaMetricsSettings.defaults(URI.create("http://vm:8428/"));
    assertThat(settings.writeUrl()).isEqualTo(URI.create("http://vm:8428"));
    assertThat(settings.queryUrl()).isEqualTo(settings.writeUrl());
    assertThat(settings.metricsUrls()).containsExactly(URI.create("http://vm:8428/metrics"));
    assertThat(settings.authorization()).isNull();

    assertThatThrownBy(() -> VictoriaMetricsSettings.defaults(URI.create("ftp://vm/")))
        .hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> VictoriaMetricsSettings.defaults(URI.create("http://vm/?a=b")))
        .hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> withAuth("user", null, null)).hasMessageContaining("both");
    assertThatThrownBy(() -> withAuth("user", "pw", "token")).hasMessageContaining("not both");
    assertThatThrownBy(() -> settings.withMaxRequestBytes(10)).hasMessageContaining("64 KB");
  }

  @Test
  void credentialsBecomeAHeaderAndNeverShowInText() {
    VictoriaMetricsSettings basic = withAuth("vigil", "s3cret", null);
    assertThat(basic.authorization()).isEqualTo("Basic dmlnaWw6czNjcmV0");
    assertThat(basic.toString()).contains("vigil").doesNotContain("s3cret");
    VictoriaMetricsSettings bearer = withAuth(null, null, "t0ken");
    assertThat(bearer.authorization()).isEqualTo("Bearer t0ken");
    assertThat(bearer.toString()).doesNotContain("t0ken");
  }

  private static VictoriaMetricsSettings withAuth(String user, String password, String token) {
    return new VictoriaMetricsSettings(
        URI.create("https://vminsert:8480/insert/0/prometheus"),
        URI.create("https://vmselect:8481/select/0/prometheus"),
        List.of(),
        user,
        password,
        token,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        0,
        Duration.ofMillis(1),
        1 << 20,
        false,
        Duration.ofHours(1),
        Duration.ZERO);
  }
}
