package io.vigil.agent.check.process;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import java.util.Set;

/** {@code process}: a {@link ProcessCheck} over the host's /proc. */
public final class ProcessCheckKind implements CheckKind {

  private static final Set<String> PARAMS = Set.of("name", "cmdline", "user", "min", "max");

  @Override
  public String kind() {
    return "process";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    ProcessMatch match =
        p.build(
            () ->
                new ProcessMatch(
                    p.has("name") ? p.string("name", null).strip() : null,
                    p.regex("cmdline"),
                    p.has("user") ? p.string("user", null).strip() : null,
                    p.integer("min", 1, 0, 1_000_000),
                    p.optionalInteger("max", 0, 1_000_000)));
    ProcessCheck check =
        new ProcessCheck(
            match,
            ProcessTable.of(context.processSource().get()),
            System::nanoTime,
            ProcessHandle.current().pid());
    return () -> CheckReport.of(check.run());
  }
}
