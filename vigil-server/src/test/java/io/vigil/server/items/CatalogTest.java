package io.vigil.server.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every catalog file parses, every default is valid, and the validator names what is wrong. */
class CatalogTest {

  static final CheckCatalog CATALOG = CheckCatalog.shipped();

  static Stream<String> checkFiles() throws IOException {
    return Arrays.stream(
            new PathMatchingResourcePatternResolver().getResources(CheckCatalog.CHECKS))
        .map(Resource::getFilename);
  }

  @ParameterizedTest
  @MethodSource("checkFiles")
  void eachCheckKindFileParsesAndItsDefaultsAreValid(String file) throws IOException {
    CatalogKind kind;
    try (InputStream in = resource("catalog/checks/" + file)) {
      kind = CatalogYaml.kind(in);
    }
    assertThat(file).isEqualTo(kind.kind() + ".yml");
    assertThat(kind.label()).isNotBlank();
    assertThat(kind.description()).isNotBlank();
    assertThat(kind.params()).isNotEmpty();
    assertThat(kind.defaultIntervalSeconds()).isBetween(1, 86_400);
    for (CatalogParam param : kind.params()) {
      assertThat(param.description()).as(param.name()).isNotBlank();
      if (param.defaultValue() != null) {
        assertThatCode(() -> ParamValidator.checkValue(param, param.defaultValue()))
            .as(kind.kind() + "." + param.name() + " default")
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void theCatalogHasTheEightCheckKindsAndTheElevenCollectors() {
    assertThat(CATALOG.checks().stream().map(CatalogKind::kind))
        .containsExactlyInAnyOrder(
            "port",
            "process",
            "log",
            "http",
            "database",
            "script",
            "clients",
            "weblog",
            "prometheus");
    assertThat(CATALOG.collectorNames())
        .containsExactly(
            "cpu", "load", "mem", "swap", "fs", "disk", "net", "tcp", "system", "proc", "agent");
    assertThat(CATALOG.collectorIntervalSeconds()).isEqualTo(10);
    assertThat(CATALOG.check("port").orElseThrow().runsOn()).containsExactly("agent", "server");
    assertThat(CATALOG.check("http").orElseThrow().runsOnServer()).isTrue();
    assertThat(CATALOG.check("process").orElseThrow().runsOnServer()).isFalse();
    assertThat(CATALOG.check("prometheus").orElseThrow().runsOn()).containsExactly("server");
    assertThat(CATALOG.check("database").orElseThrow().param("password").orElseThrow().secret())
        .isTrue();
  }

  @Test
  void shippedTemplatesOnlyHoldValidItems() {
    ItemRules rules = new ItemRules(CATALOG, new SecretBox(new byte[32]));
    List<ShippedTemplates.Shipped> shipped = ShippedTemplates.load();
    assertThat(shipped.stream().map(ShippedTemplates.Shipped::name))
        .containsExactly("Database server", "Linux server", "Web server");
    for (ShippedTemplates.Shipped template : shipped) {
      for (ShippedTemplates.ItemSpec item : template.items()) {
        assertThatCode(
                () ->
                    rules.build(
                        item.key(),
                        item.kind(),
                        item.intervalSeconds(),
                        item.enabled(),
                        item.params(),
                        Map.of()))
            .as(template.name() + "/" + item.key())
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void invalidParamsAreRefusedWithTheParamNamed() {
    CatalogKind port = CATALOG.check("port").orElseThrow();
    assertRefused(port, Map.of("port", "80", "colour", "red"), "unknown parameter colour");
    assertRefused(port, Map.of("host", "x"), "parameter port is required");
    assertRefused(port, Map.of("port", "0"), "parameter port must be between 1 and 65535");
    assertRefused(port, Map.of("port", "x1"), "parameter port must be a whole number");
    assertRefused(port, Map.of("port", "1", "timeout", "5 s"), "parameter timeout");
    assertRefused(port, Map.of("port", "1", "timeout", "25h"), "parameter timeout");
    assertRefused(port, Map.of("port", "1", "tls", "TRUE"), "parameter tls");
    assertRefused(port, Map.of("port", "1", "expect", "a(b"), "parameter expect");
    CatalogKind http = CATALOG.check("http").orElseThrow();
    assertRefused(http, Map.of("url", "http://x/", "expect_status", "200-99"), "expect_status");
    assertRefused(http, Map.of("url", "http://x/", "headers", "X-A: 1\nbroken"), "line 2");
    assertRefused(http, Map.of("url", "http://x/", "method", "BREW"), "method");
    CatalogKind log = CATALOG.check("log").orElseThrow();
    assertRefused(log, Map.of("path", "var/log/x", "patterns", "OK x"), "parameter path");
    assertRefused(log, Map.of("path", "/var/../etc/x", "patterns", "OK x"), "parameter path");
    assertRefused(log, Map.of("path", "/var/log/x", "patterns", "CRITICAL ("), "patterns");
    CatalogKind weblog = CATALOG.check("weblog").orElseThrow();
    assertRefused(weblog, Map.of("format", "combined"), "parameter paths is required");
    assertRefused(weblog, Map.of("paths", "/var/log/a.log\nrelative.log"), "line 2");
    assertRefused(weblog, Map.of("paths", "/var/log/a.log", "format", "w3c"), "format");
    assertRefused(weblog, Map.of("paths", "/var/log/a.log", "top", "51"), "top");
    assertRefused(weblog, Map.of("paths", "/var/log/a.log", "samples", "21"), "samples");
    assertRefused(CATALOG.check("process").orElseThrow(), Map.of("min", "1"), "at least one of");
    assertRefused(
        CATALOG.check("script").orElseThrow(),
        Map.of("command", "/usr/lib/nagios/plugins/*"),
        "parameter command");
  }

  @Test
  void validParamsPassAndBlankOptionalOnesAreDropped() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("url", "https://example.org/health");
    params.put("expect_status", "200-299, 301");
    params.put("headers", "Accept: text/html\nX-Trace: 1");
    params.put("total_warn", "500ms");
    params.put("body_regex", "");
    assertThat(ParamValidator.validate(CATALOG.check("http").orElseThrow(), params))
        .containsOnlyKeys("url", "expect_status", "headers", "total_warn");
    assertThat(
            ParamValidator.validate(
                CATALOG.check("log").orElseThrow(),
                Map.of("path", "/var/log/nginx/*.log", "patterns", "CRITICAL \\[crit\\]\nOK .*")))
        .hasSize(2);
    assertThat(ParamValidator.durationMillis("2m")).isEqualTo(120_000);
    assertThat(ParamValidator.durationMillis("1h")).isEqualTo(3_600_000);
    assertThat(ParamValidator.durationMillis("5")).isEqualTo(-1);
  }

  @Test
  void malformedCatalogFilesAreRejected() {
    assertThatThrownBy(() -> CatalogYaml.kind(yaml("kind: x\nlabel: X\ncolour: red\n")))
        .hasMessageContaining("colour");
    assertThatThrownBy(
            () ->
                CatalogYaml.kind(
                    yaml("kind: x\nlabel: X\nparams:\n  - name: p\n    type: float\n")))
        .hasMessageContaining("unknown type float");
    assertThatThrownBy(
            () ->
                CatalogYaml.kind(
                    yaml(
                        "kind: x\nlabel: X\nparams:\n  - name: p\n    type: string\n    min: 1\n")))
        .hasMessageContaining("min/max need type int");
  }

  private static void assertRefused(CatalogKind kind, Map<String, String> params, String message) {
    assertThatThrownBy(() -> ParamValidator.validate(kind, params))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  private static InputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream resource(String path) {
    return CatalogTest.class.getClassLoader().getResourceAsStream(path);
  }
}
