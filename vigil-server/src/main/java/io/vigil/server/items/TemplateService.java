package io.vigil.server.items;

import io.vigil.model.InvalidInputException;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Changes to templates and their items and links. Each change runs in one transaction with its
 * audit record and raises the config version of exactly the hosts that use the template.
 */
@Service
class TemplateService {

  static final int MAX_ITEMS = 500;

  /** A template in lists. */
  record TemplateSummary(
      long id,
      String name,
      String description,
      boolean builtin,
      int itemCount,
      List<Ref> groups,
      List<String> hosts) {}

  /** A template with its items. */
  record TemplateDetail(
      long id,
      String name,
      String description,
      boolean builtin,
      int itemCount,
      List<Ref> groups,
      List<String> hosts,
      List<ItemView> items) {}

  /** What the audit log keeps of a link. */
  record LinkAudit(String template, String group, String host) {}

  private final TemplateRepository templates;
  private final HostItemRepository hosts;
  private final ItemRules rules;
  private final AgentConfigService configs;
  private final AuditLog audit;
  private final ConfigChanges changes;

  TemplateService(
      TemplateRepository templates,
      HostItemRepository hosts,
      ItemRules rules,
      AgentConfigService configs,
      AuditLog audit,
      ConfigChanges changes) {
    this.templates = templates;
    this.hosts = hosts;
    this.rules = rules;
    this.configs = configs;
    this.audit = audit;
    this.changes = changes;
  }

  List<TemplateSummary> list() {
    return templates.findAll().stream()
        .map(
            t ->
                new TemplateSummary(
                    t.id(),
                    t.name(),
                    t.description(),
                    t.builtin(),
                    t.itemCount(),
                    templates.groups(t.id()),
                    templates.hostKeys(t.id())))
        .toList();
  }

  TemplateDetail detail(long id) {
    TemplateRepository.TemplateRow t = find(id);
    return new TemplateDetail(
        t.id(),
        t.name(),
        t.description(),
        t.builtin(),
        t.itemCount(),
        templates.groups(id),
        templates.hostKeys(id),
        templates.items(id).stream().map(rules::view).toList());
  }

  TemplateDetail create(String name, String description) {
    return detail(changes.create(templates, name, description));
  }

  TemplateDetail update(long id, String name, String description) {
    changes.update(templates, id, name, description);
    return detail(id);
  }

  void delete(long id) {
    changes.inTransaction(
        () -> {
          TemplateDetail old = detail(id);
          List<Long> affected = templates.hostsUsing(id);
          templates.delete(id);
          changes.deleted(templates, old.name(), old, affected);
          return null;
        });
  }

  ItemView putItem(long templateId, String key, ItemRequest request) {
    ItemRules.requireKey(key);
    ItemRequest body = request == null ? ItemRequest.EMPTY : request;
    return changes.inTransaction(
        () -> {
          TemplateRepository.TemplateRow template = find(templateId);
          StoredItem old = templates.item(templateId, key).orElse(null);
          if (old == null && template.itemCount() >= MAX_ITEMS) {
            throw new InvalidInputException("a template has at most " + MAX_ITEMS + " items");
          }
          StoredItem item =
              rules.build(
                  key,
                  body.kind(),
                  body.intervalSeconds(),
                  body.enabled(),
                  body.params(),
                  old == null || !java.util.Objects.equals(old.kind(), body.kind())
                      ? Map.of()
                      : old.params());
          templates.upsertItem(templateId, item);
          configs.changed(templates.hostsUsing(templateId));
          ItemView view = rules.view(item);
          audit.record(
              old == null ? "create" : "update",
              "template_item",
              template.name() + "/" + key,
              old == null ? null : rules.view(old),
              view);
          return view;
        });
  }

  void deleteItem(long templateId, String key) {
    changes.inTransaction(
        () -> {
          TemplateRepository.TemplateRow template = find(templateId);
          StoredItem old =
              templates
                  .item(templateId, key)
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "template " + template.name() + " has no item " + key));
          templates.deleteItem(templateId, key);
          configs.changed(templates.hostsUsing(templateId));
          audit.record(
              "delete", "template_item", template.name() + "/" + key, rules.view(old), null);
          return null;
        });
  }

  void attachGroup(long templateId, long groupId, boolean attach) {
    changes.inTransaction(
        () -> {
          TemplateRepository.TemplateRow template = find(templateId);
          Ref group =
              templates
                  .group(groupId)
                  .orElseThrow(() -> ApiException.notFound("no host group with id " + groupId));
          boolean changed =
              attach
                  ? templates.linkGroup(templateId, groupId)
                  : templates.unlinkGroup(templateId, groupId);
          changes.linked(
              attach,
              changed,
              link(template, new LinkAudit(template.name(), group.name(), null)),
              "template " + template.name() + " is not attached to group " + group.name(),
              () -> templates.groupMembers(groupId));
          return null;
        });
  }

  void attachHost(long templateId, String hostKey, boolean attach) {
    changes.inTransaction(
        () -> {
          TemplateRepository.TemplateRow template = find(templateId);
          HostItemRepository.HostRef host =
              hosts
                  .hostByKey(hostKey)
                  .orElseThrow(() -> ApiException.notFound("no host " + hostKey));
          boolean changed =
              attach
                  ? templates.linkHost(templateId, host.id())
                  : templates.unlinkHost(templateId, host.id());
          changes.linked(
              attach,
              changed,
              link(template, new LinkAudit(template.name(), null, hostKey)),
              "template " + template.name() + " is not attached to host " + hostKey,
              () -> List.of(host.id()));
          return null;
        });
  }

  private static ConfigChanges.Link link(TemplateRepository.TemplateRow template, LinkAudit link) {
    return new ConfigChanges.Link("template", template.name(), link);
  }

  private TemplateRepository.TemplateRow find(long id) {
    return changes.find(templates, id);
  }
}
