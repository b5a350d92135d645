package io.vigil.agent.check;

import io.vigil.checks.CheckParams;
import java.util.Set;

/**
 * One kind of check the agent can run (e.g. {@code port}, {@code log}), discovered through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.vigil.agent.check.CheckKind}), so adding a
 * kind means adding a class and a line, not editing a switch.
 *
 * <p>The parameter names are the contract with the server's catalog ({@code docs/api.md}); values
 * arrive as text and are parsed by {@link CheckParams}, which rejects names not listed here.
 */
public interface CheckKind {

  /** The kind's name as config items carry it, e.g. {@code port}. */
  String kind();

  /** Every parameter name the kind accepts. */
  Set<String> paramNames();

  /** The parameters whose values must never appear in a message or a log line. */
  default Set<String> secretParams() {
    return Set.of();
  }

  /**
   * A check instance for one config item. Called on a check thread, lazily before the item's first
   * run, so nothing a kind needs (drivers, sockets, files) is loaded for items that never run.
   *
   * @throws io.vigil.model.InvalidInputException when the parameters are invalid; the item then
   *     reports UNKNOWN with the message every interval until its parameters change
   * @throws Exception anything else that prevents the check from starting; reported as UNKNOWN for
   *     this run, tried again at the next
   */
  RunnableCheck create(String item, CheckParams params, CheckContext context) throws Exception;
}
