package io.vigil.server.auth;

import java.util.Set;

/**
 * The hosts a user may see and act on: every host, or those of the host groups granted to the user
 * (a tenant). Computed per request, so a grant or a group membership change applies at once.
 *
 * @param all every host and every group, now and in future
 * @param groupIds the granted host groups (empty when {@code all})
 * @param hostKeys the hosts of those groups (empty when {@code all})
 */
public record HostScope(boolean all, Set<Long> groupIds, Set<String> hostKeys) {

  public static final HostScope ALL = new HostScope(true, Set.of(), Set.of());

  public HostScope {
    groupIds = Set.copyOf(groupIds);
    hostKeys = Set.copyOf(hostKeys);
  }

  public boolean allows(String hostKey) {
    return all || hostKeys.contains(hostKey);
  }

  public boolean allowsGroup(long groupId) {
    return all || groupIds.contains(groupId);
  }
}
