package io.vigil.server.notify;

import java.util.List;

/**
 * A named set of recipients; its on-call windows apply to each member without windows of its own.
 */
public record RecipientGroup(long id, String name, List<Long> members, List<OnCall> onCall) {

  public RecipientGroup {
    name = Fields.name("name", name);
    members = members == null ? List.of() : members.stream().distinct().toList();
    onCall = onCall == null ? List.of() : List.copyOf(onCall);
  }
}
