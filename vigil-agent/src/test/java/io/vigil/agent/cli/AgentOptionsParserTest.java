package io.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsParserTest {

  @TempDir Path dir;

  @Test
  void parsesTheDocumentedCommandLineWithDefaults() {
    AgentOptions o =
        AgentOptionsParser.parse(
            "--server",
            "https://a.example:8443/",
            "--server",
            "https://b.example:8443",
            "--enrol-token",
            "vgl_e_1",
            "--state-dir",
            "/var/lib/vigil-agent");

    assertThat(o.servers())
        .containsExactly(
            URI.create("https://a.example:8443"), URI.create("https://b.example:8443"));
    assertThat(o.enrolmentToken()).isEqualTo("vgl_e_1");
    assertThat(o.stateDir()).isEqualTo(Path.of("/var/lib/vigil-agent"));
    assertThat(o.spoolMaxBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(o.pushInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.scriptDirs())
        .containsExactly(Path.of("/usr/lib/nagios/plugins"), Path.of("/etc/vigil-agent/scripts"));
  }

  @Test
  void scriptDirectoriesAreRepeatableReplaceTheDefaultsAndMustBeAbsolute() {
    AgentOptions o =
        AgentOptionsParser.parse(
            "--server",
            "https://a.example",
            "--state-dir",
            "/s",
            "--script-dir",
            "/opt/checks/",
            "--script-dir",
            "/srv/x/../plugins");
    assertThat(o.scriptDirs()).containsExactly(Path.of("/opt/checks"), Path.of("/srv/plugins"));

    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    "--server", "https://a.example", "--state-dir", "/s", "--script-dir", "rel"))
        .isInstanceOf(OptionsException.class)
        .hasMessage("--script-dir must be an absolute path, was 'rel'");
  }

  @Test
  void readsTheEnrolmentTokenFromAFileAndAcceptsKeyEqualsValue() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "  vgl_e_secret\n");

    AgentOptions o =
        AgentOptionsParser.parse(
            "--server=http://127.0.0.1:8080",
            "--enrol-token-file",
            token.toString(),
            "--state-dir",
            dir.toString(),
            "--spool-max-mb",
            "16");

    assertThat(o.enrolmentToken()).isEqualTo("vgl_e_secret");
    assertThat(o.spoolMaxBytes()).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void takesSettingsFromAPropertiesFileWithCommandLineWinning() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("agent.properties"),
            """
            server = https://a:8443, https://b:8443
            enrol-token = from-file
            state-dir = /srv/state
            spool-max-mb = 64
            """);

    AgentOptions o =
        AgentOptionsParser.parse("--config", config.toString(), "--spool-max-mb", "32");

    assertThat(o.servers()).hasSize(2);
    assertThat(o.enrolmentToken()).isEqualTo("from-file");
    assertThat(o.stateDir()).isEqualTo(Path.of("/srv/state"));
    assertThat(o.spoolMaxBytes()).isEqualTo(32L * 1024 * 1024);
  }

  @Test
  void failsFastOnUnknownOptionsAndKeys() throws IOException {
    assertThatThrownBy(() -> AgentOptionsParser.parse("--servr", "http://a"))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("unknown option --servr")
        .hasMessageContaining("server");

    Path config = Files.writeString(dir.resolve("bad.properties"), "spool-max=5\n");
    assertThatThrownBy(() -> AgentOptionsParser.parse("--config", config.toString()))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("key 'spool-max'");
  }

  @Test
  void rejectsMissingOrInvalidValues() {
    assertThatThrownBy(() -> AgentOptionsParser.parse("--state-dir", "/x"))
        .hasMessageContaining("at least one --server");
    assertThatThrownBy(() -> AgentOptionsParser.parse("--server", "http://a"))
        .hasMessageContaining("--state-dir is required");
    assertThatThrownBy(() -> AgentOptionsParser.parse("--server", "ftp://a", "--state-dir", "/x"))
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    "--server", "http://a", "--state-dir", "/x", "--spool-max-mb", "lots"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    "--server",
                    "http://a",
                    "--state-dir",
                    "/x",
                    "--enrol-token",
                    "a",
                    "--enrol-token-file",
                    "/t"))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> AgentOptionsParser.parse("--server"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    "--server",
                    "http://a",
                    "--server",
                    "http://b",
                    "--server",
                    "http://c",
                    "--state-dir",
                    "/x"))
        .hasMessageContaining("at most two");
  }
}
