package io.vigil.agent;

import io.vigil.agent.cli.AgentOptions;
import io.vigil.agent.cli.AgentOptionsParser;
import io.vigil.agent.cli.OptionsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line entry point: {@code java -jar vigil-agent.jar --server URL ...}. */
public final class AgentMain {

  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  private AgentMain() {}

  public static void main(String[] args) {
    AgentOptions options;
    Agent agent;
    try {
      options = AgentOptionsParser.parse(args);
      agent = new Agent(options);
    } catch (OptionsException e) {
      LOG.error("{}\n{}", e.getMessage(), AgentOptionsParser.usage());
      System.exit(2);
      return;
    } catch (Exception e) {
      LOG.error("vigil-agent cannot start: {}", e.toString());
      System.exit(1);
      return;
    }
    Thread runner = Thread.currentThread();
    // SIGTERM / Ctrl-C: stop collecting, spool what is in memory, leave the spool for next start.
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> agent.stop(runner)));
    agent.run();
  }
}
