package io.vigil.server.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP SMS gateway: {@code ${phone}} and {@code ${text}} are URL-encoded in the URL; in the body
 * they are JSON-escaped when the configured Content-Type is JSON, URL-encoded otherwise. 2xx is
 * success.
 */
final class HttpSmsTransport implements SmsChannel.Transport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NotifyProperties.SmsHttp gateway;
  private final HttpClient http;

  HttpSmsTransport(NotifyProperties.SmsHttp gateway) {
    this.gateway = gateway;
    this.http = HttpClient.newBuilder().connectTimeout(gateway.timeout()).build();
  }

  @Override
  public String notConfigured() {
    return gateway.configured() ? null : "vigil.notify.sms-http.url is not set";
  }

  @Override
  public void send(String phone, String text) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(gateway.url(), phone, text)))
            .timeout(gateway.timeout());
    gateway.headers().forEach(request::header);
    String body = body(gateway.bodyTemplate(), contentType(gateway.headers()), phone, text);
    request.method(
        gateway.method(),
        gateway.method().equals("GET")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("SMS gateway answered " + response.statusCode());
    }
  }

  static String url(String template, String phone, String text) {
    return MessageTemplates.fill(template, Map.of("phone", encode(phone), "text", encode(text)));
  }

  static String body(String template, String contentType, String phone, String text) {
    boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    return MessageTemplates.fill(
        template,
        json
            ? Map.of("phone", jsonEscape(phone), "text", jsonEscape(text))
            : Map.of("phone", encode(phone), "text", encode(text)));
  }

  private static String contentType(Map<String, String> headers) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String jsonEscape(String value) {
    String quoted = JSON.writeValueAsString(value);
    return quoted.substring(1, quoted.length() - 1);
  }
}
