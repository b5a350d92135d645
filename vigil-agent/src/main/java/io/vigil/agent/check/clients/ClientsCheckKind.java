package io.vigil.agent.check.clients;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code clients}: a {@link ConnectedClientsCheck}; the details are the top remote addresses as
 * {@code "addr count"} lines.
 */
public final class ClientsCheckKind implements CheckKind {

  private static final Set<String> PARAMS = Set.of("port", "top", "max_warn", "max_crit");

  @Override
  public String kind() {
    return "clients";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    ConnectedClientsSettings settings =
        p.build(
            () ->
                new ConnectedClientsSettings(
                    p.requiredInteger("port", 1, 65535),
                    p.integer(
                        "top",
                        ConnectedClientsSettings.DEFAULT_TOP,
                        1,
                        ConnectedClientsSettings.MAX_TOP),
                    p.optionalInteger("max_warn", 0, Integer.MAX_VALUE),
                    p.optionalInteger("max_crit", 0, Integer.MAX_VALUE)));
    ConnectedClientsCheck check = new ConnectedClientsCheck(settings);
    return new RunnableCheck() {
      @Override
      public CheckReport run() {
        ConnectedClients result = check.run();
        List<String> details = new ArrayList<>();
        for (RemoteCount remote : result.top()) {
          details.add(remote.address() + " " + remote.connections());
        }
        // The catalog calls the distinct remote addresses "remotes".
        Map<String, Double> metrics = new TreeMap<>(result.outcome().metrics());
        Double remotes = metrics.remove("remote_addresses");
        if (remotes != null) {
          metrics.put("remotes", remotes);
        }
        return new CheckReport(
            result.outcome().status(), result.outcome().message(), metrics, details);
      }

      @Override
      public void close() {
        check.close();
      }
    };
  }
}
