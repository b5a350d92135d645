package io.vigil.agent.check;

import io.vigil.agent.collect.LinuxProcSource;
import io.vigil.checks.CheckParams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Makes checks the way the agent does: the kind found by ServiceLoader, text parameters. */
public final class CheckKindFixture {

  private static final CheckKinds KINDS = CheckKinds.discovered();

  private CheckKindFixture() {}

  /** A context like the agent's, with its state under {@code stateDir}. */
  public static CheckContext context(Path stateDir, List<Path> scriptDirs) {
    return new CheckContext(
        stateDir, scriptDirs, () -> LinuxProcSource.forChecks(4096), Clock.systemUTC());
  }

  /** A check instance of the discovered {@code kind}; throws when the parameters are invalid. */
  public static RunnableCheck create(
      String kind, String item, Map<String, String> params, CheckContext context) throws Exception {
    CheckKind k = KINDS.get(kind);
    if (k == null) {
      throw new AssertionError("kind " + kind + " is not registered; known: " + KINDS.names());
    }
    return k.create(item, new CheckParams(kind, params, k.paramNames(), k.secretParams()), context);
  }
}
