package io.vigil.server.inventory;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.items.AgentConfigService;
import io.vigil.server.items.ConfigText;
import io.vigil.server.items.Ref;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Host groups and membership. A change that alters which templates apply to a host raises that
 * host's config version; each change is audited in the same transaction.
 */
@Service
class HostGroupService {

  /** A host group with its member hosts and attached templates. */
  record HostGroup(
      long id, String name, String description, List<String> hosts, List<Ref> templates) {}

  /** What the audit log keeps of a group. */
  record GroupAudit(String name, String description) {}

  /** What the audit log keeps of a membership. */
  record MemberAudit(String group, String host) {}

  private final HostGroupRepository groups;
  private final HostRepository hosts;
  private final AgentConfigService configs;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  HostGroupService(
      HostGroupRepository groups,
      HostRepository hosts,
      AgentConfigService configs,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.groups = groups;
    this.hosts = hosts;
    this.configs = configs;
    this.audit = audit;
    this.transactions = transactions;
  }

  List<HostGroup> list() {
    return groups.findAll().stream().map(this::view).toList();
  }

  HostGroup get(long id) {
    return view(find(id));
  }

  HostGroup create(String name, String description) {
    String n = ConfigText.name(name);
    String d = ConfigText.description(description);
    long id =
        inTransaction(
            () -> {
              if (groups.idByName(n).isPresent()) {
                throw ConfigText.conflict("a host group named " + n + " exists");
              }
              long created = groups.insert(n, d);
              audit.record("create", "host_group", n, null, new GroupAudit(n, d));
              return created;
            });
    return get(id);
  }

  HostGroup update(long id, String name, String description) {
    String n = ConfigText.name(name);
    String d = ConfigText.description(description);
    inTransaction(
        () -> {
          HostGroupRepository.GroupRow old = find(id);
          if (!old.name().equals(n) && groups.idByName(n).isPresent()) {
            throw ConfigText.conflict("a host group named " + n + " exists");
          }
          groups.update(id, n, d);
          audit.record(
              "update",
              "host_group",
              n,
              new GroupAudit(old.name(), old.description()),
              new GroupAudit(n, d));
          return null;
        });
    return get(id);
  }

  void delete(long id) {
    inTransaction(
        () -> {
          HostGroup old = view(find(id));
          List<Long> members = groups.memberIds(id);
          groups.delete(id);
          if (!old.templates().isEmpty()) {
            configs.changed(members);
          }
          audit.record("delete", "host_group", old.name(), old, null);
          return null;
        });
  }

  void membership(long groupId, String hostKey, boolean add) {
    inTransaction(
        () -> {
          HostGroupRepository.GroupRow group = find(groupId);
          HostRepository.HostRow host =
              hosts
                  .findByKey(hostKey)
                  .orElseThrow(() -> ApiException.notFound("no host " + hostKey));
          boolean changed =
              add ? groups.addMember(groupId, host.id()) : groups.removeMember(groupId, host.id());
          if (!add && !changed) {
            throw ApiException.notFound(
                "host " + hostKey + " is not a member of group " + group.name());
          }
          if (changed) {
            if (!groups.templates(groupId).isEmpty()) {
              configs.changed(List.of(host.id()));
            }
            MemberAudit member = new MemberAudit(group.name(), hostKey);
            audit.record(
                add ? "attach" : "detach",
                "host_group",
                group.name(),
                add ? null : member,
                add ? member : null);
          }
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
    return groups.find(id).orElseThrow(() -> ApiException.notFound("no host group with id " + id));
  }

  private <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.execute(status -> work.get());
    } catch (DuplicateKeyException e) {
      throw ConfigText.conflict(
          "the name exists already, or a concurrent change conflicted; retry");
    }
  }
}
