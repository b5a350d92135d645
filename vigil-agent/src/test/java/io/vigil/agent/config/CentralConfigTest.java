package io.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralConfigTest {

  @TempDir Path dir;

  @Test
  void fetchesOncePerNewVersionAppliesItAndKeepsItAcrossARestart() throws Exception {
    List<AgentConfig> applied = new ArrayList<>();
    AtomicInteger fetches = new AtomicInteger();
    AgentConfig v3 = new AgentConfig(3, Map.of("cpu", new AgentConfig.Item(30, true)));
    CentralConfig config = new CentralConfig(dir.resolve("config.json"), applied::add);

    config.onAckVersion(
        "a",
        3,
        () -> {
          fetches.incrementAndGet();
          return v3;
        });
    config.onAckVersion(
        "a",
        3,
        () -> {
          fetches.incrementAndGet();
          return v3;
        });

    assertThat(fetches).hasValue(1);
    assertThat(applied).containsExactly(v3);
    CentralConfig restarted = new CentralConfig(dir.resolve("config.json"), applied::add);
    assertThat(restarted.current()).isEqualTo(v3);
    assertThat(restarted.version()).isEqualTo(3);
  }

  @Test
  void aFailedFetchIsRetriedOnTheNextAck() throws Exception {
    CentralConfig config = new CentralConfig(dir.resolve("config.json"), c -> {});
    AgentConfig v1 = new AgentConfig(1, Map.of());

    try {
      config.onAckVersion(
          "a",
          1,
          () -> {
            throw new IOException("down");
          });
    } catch (IOException expected) {
      // the sender logs it
    }
    config.onAckVersion("a", 1, () -> v1);

    assertThat(config.version()).isEqualTo(1);
  }
}
