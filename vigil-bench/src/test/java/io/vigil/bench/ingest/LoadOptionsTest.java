package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  private static final String[] MINIMAL = {
    "--server", "http://127.0.0.1:8080/",
    "--enrol-token", "vgl_e_secret",
    "--agents", "10000",
    "--series", "200",
    "--interval", "10s",
    "--duration", "10m"
  };

  @Test
  void parsesTheDocumentedCommandLineWithDefaults() {
    LoadOptions o = LoadOptions.parse(MINIMAL);

    assertThat(o.server()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(o.enrolToken()).isEqualTo("vgl_e_secret");
    assertThat(o.agents()).isEqualTo(10_000);
    assertThat(o.series()).isEqualTo(200);
    assertThat(o.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.warmup()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.serverPid()).isEmpty();
    assertThat(o.concurrency()).isEqualTo(512);
    assertThat(o.tokenCache()).isEmpty();
    assertThat(o.reportEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.targetRequestsPerSecond()).isEqualTo(1000.0);
  }

  @Test
  void parsesTheOptionalArgumentsInBothSpellings() {
    LoadOptions o =
        LoadOptions.parse(
            concat(
                MINIMAL,
                "--warmup=30s",
                "--server-pid",
                "4242",
                "--concurrency",
                "64",
                "--token-cache",
                "/tmp/tokens.txt",
                "--timeout",
                "500ms"));

    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.serverPid()).hasValue(4242);
    assertThat(o.concurrency()).isEqualTo(64);
    assertThat(o.tokenCache()).contains(Path.of("/tmp/tokens.txt"));
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void concurrencyDefaultsToNoMoreThanTheAgents() {
    LoadOptions o =
        LoadOptions.parse(
            "--server",
            "http://localhost:8080",
            "--enrol-token",
            "t",
            "--agents",
            "3",
            "--series",
            "1",
            "--interval",
            "1s",
            "--duration",
            "1s");

    assertThat(o.concurrency()).isEqualTo(3);
  }

  @Test
  void parsesDurations() {
    assertThat(LoadOptions.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(LoadOptions.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(LoadOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(LoadOptions.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(LoadOptions.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> LoadOptions.parseDuration("10 minutes"))
        .hasMessageContaining("not a duration");
  }

  @Test
  void rejectsMistakesWithTheReason() {
    assertThatThrownBy(() -> LoadOptions.parse(concat(MINIMAL, "--agent", "1")))
        .hasMessage("unknown option: --agent");
    assertThatThrownBy(() -> LoadOptions.parse(concat(MINIMAL, "--warmup")))
        .hasMessage("--warmup needs a value");
    assertThatThrownBy(() -> LoadOptions.parse(concat(MINIMAL, "--agents", "5")))
        .hasMessage("--agents given twice");
    assertThatThrownBy(() -> LoadOptions.parse("--server", "http://127.0.0.1:1"))
        .hasMessage("--enrol-token is required");
    assertThatThrownBy(() -> LoadOptions.parse(replace(MINIMAL, "10000", "0")))
        .hasMessage("--agents must be at least 1");
    assertThatThrownBy(() -> LoadOptions.parse(replace(MINIMAL, "10000", "many")))
        .hasMessage("--agents must be an integer: many");
    assertThatThrownBy(
            () -> LoadOptions.parse(replace(MINIMAL, "http://127.0.0.1:8080/", "ftp://x")))
        .hasMessageContaining("--server must be an http(s) URL");
    assertThatThrownBy(() -> LoadOptions.parse(concat(MINIMAL, "stray")))
        .hasMessage("unexpected argument: stray");
  }

  @Test
  void acceptsOnlyLoopbackServers() {
    assertThatCode(() -> LoadOptions.parse(MINIMAL).requireLoopback()).doesNotThrowAnyException();
    assertThatCode(
            () ->
                LoadOptions.parse(replace(MINIMAL, "http://127.0.0.1:8080/", "http://[::1]:8080"))
                    .requireLoopback())
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                LoadOptions.parse(replace(MINIMAL, "http://127.0.0.1:8080/", "http://10.1.2.3:80"))
                    .requireLoopback())
        .hasMessageContaining("must be a loopback address");
  }

  private static String[] concat(String[] first, String... more) {
    String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, out, first.length, more.length);
    return out;
  }

  private static String[] replace(String[] args, String from, String to) {
    return java.util.Arrays.stream(args).map(a -> a.equals(from) ? to : a).toArray(String[]::new);
  }
}
