package io.vigil.agent.check.port;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import io.vigil.checks.port.PortCheck;
import io.vigil.checks.port.PortCheckParams;
import java.util.Set;

/**
 * {@code port}: the shared {@link PortCheck} (connect, optional TLS, send and expect), with the
 * parameters mapped by the shared {@link PortCheckParams}.
 */
public final class PortCheckKind implements CheckKind {

  @Override
  public String kind() {
    return PortCheckParams.KIND;
  }

  @Override
  public Set<String> paramNames() {
    return PortCheckParams.NAMES;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    PortCheck check = new PortCheck(PortCheckParams.settings(p, null));
    return () -> CheckReport.of(check.run());
  }
}
