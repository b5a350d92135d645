package io.vigil.server.inventory;

import java.util.Map;

/**
 * How many of a host's configured checks are in each status, for the host list. Implemented by the
 * checks feature, so that inventory does not depend on it.
 */
public interface HostCheckCounts {

  /** Status name ({@code OK}, {@code WARNING}, {@code CRITICAL}, {@code UNKNOWN}) to a count. */
  Map<String, Integer> countsByStatus(HostDirectory.HostRef host);
}
