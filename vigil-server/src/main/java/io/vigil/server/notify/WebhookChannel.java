package io.vigil.server.notify;

import io.vigil.server.alerting.Problem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON ({@code {"problem":{…},"kind","level","text","body"}}) or a Slack-compatible {@code
 * {"text"}}, signed with {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the body>} and
 * identified by {@code X-Vigil-Delivery} (the same on every retry, so receivers can de-duplicate).
 * Any 2xx is success; anything else is retried.
 */
@Component
class WebhookChannel implements Channel {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NotifyProperties.Webhook webhook;
  private final HttpClient http;

  WebhookChannel(NotifyProperties properties) {
    this.webhook = properties.webhook();
    this.http = HttpClient.newBuilder().connectTimeout(webhook.timeout()).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void send(Recipient recipient, Message message, long deliveryId) throws Exception {
    String body = body(recipient.webhookFormat(), message, deliveryId);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(recipient.webhookUrl()))
            .timeout(webhook.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Vigil")
            .header("X-Vigil-Delivery", Long.toString(deliveryId))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!webhook.secret().isEmpty()) {
      request.header("X-Vigil-Signature", sign(webhook.secret(), body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      String answer = response.body();
      throw new IllegalStateException(
          "webhook answered "
              + response.statusCode()
              + (answer.isBlank()
                  ? ""
                  : ": " + answer.substring(0, Math.min(200, answer.length()))));
    }
  }

  static String body(String format, Message message, long deliveryId) {
    if ("slack".equals(format)) {
      return JSON.writeValueAsString(Map.of("text", message.subject() + "\n" + message.body()));
    }
    Problem p = message.problem();
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("id", p.id());
    problem.put("rule", p.ruleName());
    problem.put("host", p.hostKey());
    problem.put("series", p.series());
    problem.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
    problem.put("status", p.status().name().toLowerCase(Locale.ROOT));
    problem.put("openedAt", p.openedAt());
    problem.put("resolvedAt", p.resolvedAt());
    problem.put("text", p.text());
    problem.put("value", Double.isFinite(p.value()) ? p.value() : null);
    problem.put("acknowledgedBy", p.acknowledgedBy());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("problem", problem);
    root.put("kind", message.kind());
    root.put("level", message.level());
    root.put("text", message.subject());
    root.put("body", message.body());
    root.put("delivery", deliveryId);
    return JSON.writeValueAsString(root);
  }

  /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} (UTF-8). */
  static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
