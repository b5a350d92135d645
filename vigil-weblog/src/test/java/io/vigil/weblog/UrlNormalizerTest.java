package io.vigil.weblog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormalizerTest {

  private static String normalize(String url, boolean collapseIds) {
    byte[] src = ("GET " + url + " HTTP/1.1").getBytes(UTF_8);
    byte[] dst = new byte[4096];
    int n = new UrlNormalizer(collapseIds).normalize(src, 4, src.length - 9, dst);
    return new String(dst, 0, n, UTF_8);
  }

  @Test
  void queryValuesAreDroppedAndNamesSortedWithoutDuplicates() {
    assertThat(normalize("/s?b=2&a=1&a=3", false)).isEqualTo("/s?a&b");
    assertThat(normalize("/search?q=shoes&lang=ko", false)).isEqualTo("/search?lang&q");
    assertThat(normalize("/p?flag&x=&=orphan&&y=1", false)).isEqualTo("/p?flag&x&y");
    assertThat(normalize("/p?z&y&x&y&z", false)).isEqualTo("/p?x&y&z");
  }

  @Test
  void aUrlWithoutQueryStaysAsItIsAndAnEmptyQueryGoes() {
    assertThat(normalize("/index.html", false)).isEqualTo("/index.html");
    assertThat(normalize("/user/42/orders", false)).isEqualTo("/user/42/orders");
    assertThat(normalize("/a?", false)).isEqualTo("/a");
    assertThat(normalize("/a?=1", false)).isEqualTo("/a");
    assertThat(normalize("/doc#part?x=1", false)).isEqualTo("/doc");
    assertThat(normalize("/doc?x=1#frag", false)).isEqualTo("/doc?x");
    assertThat(normalize("*", false)).isEqualTo("*");
  }

  @Test
  void idsAreCollapsedOnlyWhenAsked() {
    assertThat(normalize("/user/42/orders?page=3", true)).isEqualTo("/user/{id}/orders?page");
    assertThat(normalize("/o/123e4567-e89b-12d3-a456-426614174000/items/7", true))
        .isEqualTo("/o/{id}/items/{id}");
    assertThat(normalize("/blob/0123456789abcdef0123/raw", true)).isEqualTo("/blob/{id}/raw");
    assertThat(normalize("/v2/api/abc123/list/", true))
        .as("short mixed tokens and version names stay")
        .isEqualTo("/v2/api/abc123/list/");
    assertThat(normalize("/static/app.0a1b2c3d.js", true)).isEqualTo("/static/app.0a1b2c3d.js");
    assertThat(normalize("/42", true)).isEqualTo("/{id}");
    assertThat(normalize("/user/42", false)).isEqualTo("/user/42");
  }

  @Test
  void manyParametersAreBoundedAndOutputIsCutToTheBuffer() {
    StringBuilder url = new StringBuilder("/x?");
    for (int i = 0; i < 100; i++) {
      url.append("p").append(1000 + i).append("=1&");
    }
    String n = normalize(url.toString(), false);
    assertThat(n.split("&")).hasSize(UrlNormalizer.MAX_PARAMS);
    byte[] src = ("/" + "a".repeat(500)).getBytes(UTF_8);
    byte[] small = new byte[50];
    int length = new UrlNormalizer(false).normalize(src, 0, src.length, small);
    assertThat(length).as("the full length is reported").isEqualTo(501);
  }
}
