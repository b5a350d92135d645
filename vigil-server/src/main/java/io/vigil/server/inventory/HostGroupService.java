package io.vigil.server.inventory;

import io.vigil.server.items.ConfigChanges;
import io.vigil.server.items.Ref;
import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Host groups and membership. A change that alters which templates apply to a host raises that
 * host's config version; each change is audited in the same transaction.
 */
@Service
class HostGroupService {

  /** A host group with its member hosts and attached templates. */
  record HostGroup(
      long id, String name, String description, List<String> hosts, List<Ref> templates) {}

  /** What the audit log keeps of a membership. */
  record MemberAudit(String group, String host) {}

  private final HostGroupRepository groups;
  private final HostRepository hosts;
  private final ConfigChanges changes;

  HostGroupService(HostGroupRepository groups, HostRepository hosts, ConfigChanges changes) {
    this.groups = groups;
    this.hosts = hosts;
    this.changes = changes;
  }

  List<HostGroup> list() {
    return groups.findAll().stream().map(this::view).toList();
  }

  HostGroup get(long id) {
    return view(find(id));
  }

  HostGroup create(String name, String description) {
    return get(changes.create(groups, name, description));
  }

  HostGroup update(long id, String name, String description) {
    changes.update(groups, id, name, description);
    return get(id);
  }

  void delete(long id) {
    changes.inTransaction(
        () -> {
          HostGroup old = view(find(id));
          List<Long> members = groups.memberIds(id);
          groups.delete(id);
          changes.deleted(groups, old.name(), old, old.templates().isEmpty() ? List.of() : members);
          return null;
        });
  }

  void membership(long groupId, String hostKey, boolean add) {
    changes.inTransaction(
        () -> {
          HostGroupRepository.GroupRow group = find(groupId);
          HostRepository.HostRow host =
              hosts
                  .findByKey(hostKey)
                  .orElseThrow(() -> ApiException.notFound("no host " + hostKey));
          boolean changed =
              add ? groups.addMember(groupId, host.id()) : groups.removeMember(groupId, host.id());
          changes.linked(
              add,
              changed,
              new ConfigChanges.Link(
                  "host_group", group.name(), new MemberAudit(group.name(), hostKey)),
              "host " + hostKey + " is not a member of group " + group.name(),
              // Always the host's version, also for a group without templates: group-scoped
              // alert rules and the evaluator's host index follow membership by it.
              () -> List.of(host.id()));
          return null;
        });
  }

  private HostGroup view(HostGroupRepository.GroupRow row) {
    return new HostGroup(
        row.id(),
        row.name(),
        row.description(),
        groups.memberKeys(row.id()),
        groups.templates(row.id()));
  }

  private HostGroupRepository.GroupRow find(long id) {
    return changes.find(groups, id);
  }
}
