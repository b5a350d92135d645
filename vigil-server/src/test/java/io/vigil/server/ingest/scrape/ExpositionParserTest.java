package io.vigil.server.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.ingest.mapping.MetricSample;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  @Test
  void readsSamplesLabelsTypesAndTimestamps() {
    String text =
        """
        # HELP node_load1 1m load average.
        # TYPE node_load1 gauge
        node_load1 3.38
        node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 7.8720868352e+10
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.5",path="/a \\"b\\" \\\\ c\\nd"} 10
        http_request_duration_seconds_bucket{le="+Inf",path="/"} 12
        http_request_duration_seconds_sum{path="/"} 3.5
        http_request_duration_seconds_count{path="/"} 12 1700000000123
        # TYPE rpc_seconds summary
        rpc_seconds{quantile="0.99"} 0.2
        rpc_seconds_count 5
        other_count 7
        with_trailing_comma{a="1",empty="",} 1
        spaced { a = "1" , b="2" }   2\t
        """;
    ExpositionParser.Result result = new ExpositionParser(100).parse(text);
    assertThat(result.malformed()).isZero();
    assertThat(result.samples()).hasSize(11);
    MetricSample load = result.samples().get(0);
    assertThat(load)
        .isEqualTo(new MetricSample("node_load1", "node_load1", "value", Map.of(), 3.38, 0));
    assertThat(result.samples().get(1).labels())
        .isEqualTo(Map.of("device", "/dev/vda", "fstype", "ext4", "mountpoint", "/"));
    assertThat(result.samples().get(1).value()).isEqualTo(7.8720868352e10);
    MetricSample bucket = result.samples().get(2);
    assertThat(bucket.family()).isEqualTo("http_request_duration_seconds");
    assertThat(bucket.field()).isEqualTo("bucket");
    assertThat(bucket.labels()).containsEntry("path", "/a \"b\" \\ c\nd");
    assertThat(result.samples().get(4).field()).isEqualTo("sum");
    assertThat(result.samples().get(5).field()).isEqualTo("count");
    assertThat(result.samples().get(5).timestamp()).isEqualTo(1_700_000_000_123L);
    assertThat(result.samples().get(6).family()).isEqualTo("rpc_seconds");
    assertThat(result.samples().get(7).family()).isEqualTo("rpc_seconds");
    assertThat(result.samples().get(8))
        .as("no TYPE says other is a histogram: _count is its own family")
        .extracting(MetricSample::family, MetricSample::field)
        .containsExactly("other_count", "value");
    assertThat(result.samples().get(9).labels()).isEqualTo(Map.of("a", "1"));
    assertThat(result.samples().get(10).labels()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void malformedLinesAndNonFiniteValuesAreCountedAndSkipped() {
    String text =
        """
        good 1
        9starts_with_digit 1
        no_value
        bad_value abc
        unclosed{a="1" 2
        unquoted{a=1} 2
        bad_time 1 12x
        extra 1 2 3
        nan NaN
        inf +Inf
        neg -Inf
        good2{a="x"} -1.5e-3
        """;
    ExpositionParser.Result result = new ExpositionParser(100).parse(text);
    assertThat(result.samples()).extracting(MetricSample::metric).containsExactly("good", "good2");
    assertThat(result.samples().get(1).value()).isEqualTo(-0.0015);
    assertThat(result.malformed()).isEqualTo(7);
    assertThat(result.nonFinite()).isEqualTo(3);
  }

  @Test
  void samplesBeyondTheLimitAreDroppedAndCounted() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      text.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
    }
    ExpositionParser.Result result = new ExpositionParser(20).parse(text.toString());
    assertThat(result.samples()).hasSize(20);
    assertThat(result.dropped()).isEqualTo(30);
  }

  @Test
  void fuzzedTextNeverThrows() {
    long seed = Long.getLong("vigil.fuzz.seed", 20261207L);
    Random random = new Random(seed);
    String alphabet = "ab_:{}=\",# \n\t\\01.e+-InfNaTYPE";
    for (int round = 0; round < 5000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(300);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      ExpositionParser.Result result = new ExpositionParser(50).parse(text.toString());
      assertThat(result.samples().size()).isLessThanOrEqualTo(50);
      result.samples().forEach(s -> assertThat(s.value()).isFinite());
    }
  }
}
