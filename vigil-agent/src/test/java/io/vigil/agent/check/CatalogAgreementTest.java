package io.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The server validates item parameters against the YAML catalog in vigil-checks; the agent parses
 * them with its own kinds. Both must speak of the same kinds and parameter names, or an operator
 * could save an item the agent refuses (or the agent could accept names no form offers).
 */
class CatalogAgreementTest {

  private static final Set<String> CATALOG_KINDS =
      Set.of("port", "process", "log", "http", "database", "script", "clients", "weblog");

  private final CheckKinds agentKinds = CheckKinds.discovered();

  @Test
  void theAgentRunsEveryKindTheCatalogSaysRunsOnAnAgent() throws IOException {
    for (String kind : CATALOG_KINDS) {
      Map<String, Object> entry = catalogEntry(kind);
      assertThat(entry.get("kind")).isEqualTo(kind);
      if (((List<?>) entry.get("runsOn")).contains("agent")) {
        assertThat(agentKinds.get(kind)).as("agent kind " + kind).isNotNull();
      }
    }
    assertThat(agentKinds.names()).containsExactlyInAnyOrderElementsOf(CATALOG_KINDS);
  }

  @Test
  void everyKindHasExactlyTheCatalogsParameterNames() throws IOException {
    for (String kind : agentKinds.names()) {
      Set<String> catalogParams = new TreeSet<>();
      for (Object param : (List<?>) catalogEntry(kind).get("params")) {
        catalogParams.add((String) ((Map<?, ?>) param).get("name"));
      }
      assertThat(new TreeSet<>(agentKinds.get(kind).paramNames()))
          .as("parameters of " + kind)
          .isEqualTo(catalogParams);
    }
  }

  private static Map<String, Object> catalogEntry(String kind) throws IOException {
    String path = "catalog/checks/" + kind + ".yml";
    try (InputStream in = CatalogAgreementTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the class path (from vigil-checks)").isNotNull();
      return new Yaml().load(in);
    }
  }
}
