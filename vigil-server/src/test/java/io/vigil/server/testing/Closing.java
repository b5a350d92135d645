package io.vigil.server.testing;

/** Tearing down what a test class started. */
public final class Closing {

  private Closing() {}

  /**
   * Closes each resource that is not null, in the order given (what was started last first), even
   * when an earlier one fails; the first failure is rethrown with the later ones suppressed.
   */
  public static void all(AutoCloseable... resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure =
              e instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("cannot close " + resource, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
