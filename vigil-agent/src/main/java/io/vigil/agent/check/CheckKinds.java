package io.vigil.agent.check;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The check kinds this agent knows, found through {@link ServiceLoader}. */
public final class CheckKinds {

  private final Map<String, CheckKind> kinds;

  private CheckKinds(Map<String, CheckKind> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** Every kind registered in {@code META-INF/services/io.vigil.agent.check.CheckKind}. */
  public static CheckKinds discovered() {
    TreeMap<String, CheckKind> found = new TreeMap<>();
    for (CheckKind kind : ServiceLoader.load(CheckKind.class, CheckKinds.class.getClassLoader())) {
      CheckKind before = found.put(kind.kind(), kind);
      if (before != null) {
        throw new IllegalStateException(
            "two check kinds named "
                + kind.kind()
                + ": "
                + before.getClass().getName()
                + " and "
                + kind.getClass().getName());
      }
    }
    return new CheckKinds(found);
  }

  /** The given kinds only (tests). */
  public static CheckKinds of(Collection<? extends CheckKind> list) {
    TreeMap<String, CheckKind> map = new TreeMap<>();
    list.forEach(k -> map.put(k.kind(), k));
    return new CheckKinds(map);
  }

  /** The kind, or null when this agent does not know it. */
  public CheckKind get(String kind) {
    return kinds.get(kind);
  }

  /** The known kind names, sorted. */
  public Collection<String> names() {
    return new TreeMap<>(kinds).keySet();
  }
}
