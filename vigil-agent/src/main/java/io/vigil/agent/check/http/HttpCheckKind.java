package io.vigil.agent.check.http;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import io.vigil.checks.http.HttpCheck;
import io.vigil.checks.http.HttpCheckParams;
import java.util.Set;

/**
 * {@code http}: the shared {@link HttpCheck}, with the parameters mapped by {@link
 * HttpCheckParams}.
 */
public final class HttpCheckKind implements CheckKind {

  @Override
  public String kind() {
    return HttpCheckParams.KIND;
  }

  @Override
  public Set<String> paramNames() {
    return HttpCheckParams.NAMES;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    HttpCheck check = new HttpCheck(HttpCheckParams.settings(p));
    return () -> CheckReport.of(check.run());
  }
}
