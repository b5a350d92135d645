package io.vigil.server.alerting;

/** Receives the evaluator's conclusions; implemented by the problem service. */
public interface ProblemSink {

  /** Called on the evaluator's thread; must not block for long (a database write is fine). */
  void signal(ProblemSignal signal);
}
