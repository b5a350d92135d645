package io.vigil.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedirectTargetTest {

  private static final URI BASE = URI.create("http://example.test:8080/a/b/page?x=1");

  private static String resolve(String location) {
    return RedirectTarget.resolve(BASE, location).toString();
  }

  @Test
  void resolvesAbsoluteAndRelativeLocations() {
    assertThat(resolve("https://other.test/x")).isEqualTo("https://other.test/x");
    assertThat(resolve("https://other.test")).isEqualTo("https://other.test/");
    assertThat(resolve("//cdn.test/y?z=1")).isEqualTo("http://cdn.test/y?z=1");
    assertThat(resolve("/root")).isEqualTo("http://example.test:8080/root");
    assertThat(resolve("sibling")).isEqualTo("http://example.test:8080/a/b/sibling");
    assertThat(resolve("../up?q=2")).isEqualTo("http://example.test:8080/a/up?q=2");
    assertThat(resolve("?only=query")).isEqualTo("http://example.test:8080/a/b/page?only=query");
  }

  @Test
  void dropsFragmentsAndEncodesIllegalCharacters() {
    assertThat(resolve("/x#frag")).isEqualTo("http://example.test:8080/x");
    assertThat(resolve("/a b/é")).isEqualTo("http://example.test:8080/a%20b/%C3%A9");
    assertThat(resolve("/keep%2Fencoded")).isEqualTo("http://example.test:8080/keep%2Fencoded");
  }

  @Test
  void refusesNonHttpAndEmptyTargets() {
    assertThatThrownBy(() -> resolve("ftp://x/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> resolve("javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> resolve("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> resolve("http://[bad")).isInstanceOf(IllegalArgumentException.class);
  }
}
