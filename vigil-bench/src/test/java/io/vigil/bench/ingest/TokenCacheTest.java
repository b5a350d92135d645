package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bench.ingest.TokenCache.AgentIdentity;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

  private static final URI SERVER = URI.create("http://127.0.0.1:8080");

  @Test
  void whatIsFormattedParsesBack() {
    List<AgentIdentity> agents =
        List.of(
            new AgentIdentity("bench-00000", "a1b2", "vgl_a_one"),
            new AgentIdentity("bench-00001", "c3d4", "vgl_a_two"));

    String text = TokenCache.format(SERVER, agents);

    assertThat(TokenCache.parse(SERVER, text.lines().toList()).values())
        .containsExactlyElementsOf(agents);
  }

  @Test
  void tokensOfAnotherServerAreIgnored() {
    String text =
        TokenCache.format(
            URI.create("http://127.0.0.1:9090"),
            List.of(new AgentIdentity("bench-00000", "a1b2", "vgl_a_one")));

    assertThat(TokenCache.parse(SERVER, text.lines().toList())).isEmpty();
  }

  @Test
  void hostnamesAndMachineIdsAreStableBetweenRuns() {
    assertThat(AgentEnroller.hostname("bench-", 42)).isEqualTo("bench-00042");
    assertThat(AgentEnroller.machineId("bench-00042"))
        .isEqualTo(AgentEnroller.machineId("bench-00042"))
        .isNotEqualTo(AgentEnroller.machineId("bench-00043"))
        .matches("[0-9a-f]{32}");
  }
}
