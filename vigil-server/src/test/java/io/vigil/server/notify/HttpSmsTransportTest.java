package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpSmsTransportTest {

  @Test
  void urlPlaceholdersAreUrlEncoded() {
    assertThat(
            HttpSmsTransport.url(
                "https://sms.example/send?to=${phone}&msg=${text}", "+821012345678", "a&b 장애"))
        .isEqualTo("https://sms.example/send?to=%2B821012345678&msg=a%26b+%EC%9E%A5%EC%95%A0");
  }

  @Test
  void jsonBodiesAreJsonEscaped() {
    assertThat(
            HttpSmsTransport.body(
                "{\"to\":\"${phone}\",\"text\":\"${text}\"}",
                "application/json",
                "+1555",
                "say \"hi\"\nnow"))
        .isEqualTo("{\"to\":\"+1555\",\"text\":\"say \\\"hi\\\"\\nnow\"}");
  }

  @Test
  void formBodiesAreUrlEncoded() {
    assertThat(
            HttpSmsTransport.body(
                "to=${phone}&text=${text}", "application/x-www-form-urlencoded", "+1555", "a b&c"))
        .isEqualTo("to=%2B1555&text=a+b%26c");
  }
}
