package io.vigil.agent.check;

import java.io.IOException;

/**
 * A configured check: the instance {@link CheckKind#create} made for one config item. Runs are
 * serialized by the agent (never two at once for one item) but may happen on different threads; the
 * instance may keep state between runs (previous CPU times, log positions, open sockets).
 */
public interface RunnableCheck extends AutoCloseable {

  /**
   * One run. An exception is reported as an UNKNOWN result whose message names it; it does not stop
   * later runs.
   */
  CheckReport run() throws Exception;

  /** Releases what the instance holds; called once, after its last run. */
  @Override
  default void close() throws IOException {}
}
