package io.vigil.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a host's data through the range API the host page uses ({@code /api/v1/query/range}), for
 * tests that check what a protocol stored.
 */
public final class HostSeries {

  private HostSeries() {}

  /**
   * The raw values of one field in the last hour, per series (its tags without {@code host}),
   * series with no value left out.
   */
  public static Map<Map<String, String>, List<Double>> values(
      ApiClient client, String host, String measurement, String field, Map<String, String> tags) {
    long now = System.currentTimeMillis();
    StringBuilder path =
        new StringBuilder("/api/v1/query/range?resolution=raw&host=")
            .append(encode(host))
            .append("&measurement=")
            .append(encode(measurement))
            .append("&fields=")
            .append(encode(field))
            .append("&from=")
            .append(now - 3_600_000)
            .append("&to=")
            .append(now + 600_000);
    tags.forEach((k, v) -> path.append("&tag=").append(encode(k + ":" + v)));
    ApiClient.Response response = client.get(path.toString());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Map<Map<String, String>, List<Double>> out = new LinkedHashMap<>();
    for (JsonNode series : response.json().get("series")) {
      Map<String, String> seriesTags = new LinkedHashMap<>();
      series
          .get("tags")
          .properties()
          .forEach(e -> seriesTags.put(e.getKey(), e.getValue().asText()));
      seriesTags.remove("host");
      List<Double> values = new ArrayList<>();
      JsonNode avg = series.path("fields").path(field).path("avg");
      for (JsonNode value : avg) {
        if (!value.isNull()) {
          values.add(value.asDouble());
        }
      }
      if (!values.isEmpty()) {
        out.put(seriesTags, values);
      }
    }
    return out;
  }

  /** Every raw value of one field in the last hour, all series together. */
  public static List<Double> all(
      ApiClient client, String host, String measurement, String field, Map<String, String> tags) {
    List<Double> all = new ArrayList<>();
    values(client, host, measurement, field, tags).values().forEach(all::addAll);
    return all;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
