package io.vigil.server.checks;

import io.vigil.checks.http.HttpCheck;
import io.vigil.checks.http.HttpCheckParams;
import io.vigil.checks.port.PortCheck;
import io.vigil.checks.port.PortCheckParams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The network checks agents run too ({@code port}, {@code http}), run by the server for agentless
 * hosts with the same vigil-checks code and parameter mapping; a port item without {@code host}
 * connects to the host's address.
 */
@Configuration
class NetworkCheckKinds {

  @Bean
  ServerCheckKind portCheck() {
    return kind(
        PortCheckParams.KIND,
        (item, params, host) ->
            ServerCheckKind.Run.of(
                new PortCheck(PortCheckParams.settings(params, host.address())).run()));
  }

  @Bean
  ServerCheckKind httpCheck() {
    return kind(
        HttpCheckParams.KIND,
        (item, params, host) ->
            ServerCheckKind.Run.of(new HttpCheck(HttpCheckParams.settings(params)).run()));
  }

  private interface Runner {
    ServerCheckKind.Run run(
        String item,
        java.util.Map<String, String> params,
        io.vigil.server.inventory.HostDirectory.HostRef host);
  }

  private static ServerCheckKind kind(String name, Runner runner) {
    return new ServerCheckKind() {
      @Override
      public String kind() {
        return name;
      }

      @Override
      public Run run(
          String itemKey,
          java.util.Map<String, String> params,
          io.vigil.server.inventory.HostDirectory.HostRef host) {
        return runner.run(itemKey, params, host);
      }
    };
  }
}
