package io.vigil.server.items;

import io.vigil.model.InvalidInputException;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A host's effective items, and its overrides and own items. */
@Service
class HostItemService {

  /** An effective item of a host, with where it comes from and where it runs. */
  record HostItemView(
      String key,
      String kind,
      boolean collector,
      int intervalSeconds,
      boolean enabled,
      Map<String, String> params,
      String source,
      Long templateId,
      String templateName,
      boolean overridden,
      String runsOn) {}

  /** The effective configuration of a host. */
  record HostItems(
      long configVersion,
      List<Ref> groups,
      List<EffectiveConfig.AppliedTemplate> templates,
      List<HostItemView> items) {}

  private final HostItemRepository hosts;
  private final EffectiveConfig effective;
  private final ItemRules rules;
  private final AgentConfigService configs;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  HostItemService(
      HostItemRepository hosts,
      EffectiveConfig effective,
      ItemRules rules,
      AgentConfigService configs,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.hosts = hosts;
    this.effective = effective;
    this.rules = rules;
    this.configs = configs;
    this.audit = audit;
    this.transactions = transactions;
  }

  HostItems items(String hostKey) {
    HostItemRepository.HostRef host = host(hostKey);
    EffectiveConfig.Effective config = effective.of(host);
    return new HostItems(
        host.configVersion(),
        config.groups(),
        config.templates(),
        config.items().stream().map(i -> view(host, i)).toList());
  }

  HostItemView put(String hostKey, String key, ItemRequest request) {
    ItemRules.requireKey(key);
    ItemRequest body = request == null ? ItemRequest.EMPTY : request;
    try {
      return transactions.execute(status -> putInTransaction(hostKey, key, body));
    } catch (DuplicateKeyException e) {
      throw ConfigText.conflict("a concurrent change of item " + key + " conflicted; retry");
    }
  }

  private HostItemView putInTransaction(String hostKey, String key, ItemRequest body) {
    HostItemRepository.HostRef host = host(hostKey);
    EffectiveConfig.Effective before = effective.of(host);
    HostItemRepository.HostItemRow existing = hosts.row(host.id(), key).orElse(null);
    EffectiveConfig.EffectiveItem inherited = effective.inherited(host, key).orElse(null);
    boolean own = existing != null ? existing.own() : inherited == null;
    HostItemRepository.HostItemRow row =
        own ? ownItem(key, existing, body) : override(key, inherited, existing, body);
    hosts.upsert(host.id(), row);
    configs.changed(List.of(host.id()));
    HostItemRepository.HostRef updated = hosts.hostById(host.id()).orElseThrow();
    HostItemView after = view(updated, effective.of(updated).item(key).orElseThrow());
    audit.record(
        existing == null ? "create" : "update",
        "host_item",
        host.key() + "/" + key,
        before.item(key).map(i -> view(host, i)).orElse(null),
        after);
    return after;
  }

  void delete(String hostKey, String key) {
    transactions.execute(
        status -> {
          HostItemRepository.HostRef host = host(hostKey);
          EffectiveConfig.Effective before = effective.of(host);
          if (!hosts.delete(host.id(), key)) {
            throw ApiException.notFound("host " + hostKey + " has no override or own item " + key);
          }
          configs.changed(List.of(host.id()));
          audit.record(
              "delete",
              "host_item",
              host.key() + "/" + key,
              before.item(key).map(i -> view(host, i)).orElse(null),
              effective.inherited(host, key).map(i -> view(host, i)).orElse(null));
          return null;
        });
  }

  /**
   * Changes only the fields the request gives; the kind must stay the inherited one. Fields of a
   * stale override (made when the inherited item had another kind) are dropped.
   */
  private HostItemRepository.HostItemRow override(
      String key,
      EffectiveConfig.EffectiveItem inheritedItem,
      HostItemRepository.HostItemRow existing,
      ItemRequest body) {
    if (inheritedItem == null) {
      throw new InvalidInputException(
          "item " + key + " is no longer inherited from a template; delete its stale override");
    }
    StoredItem inherited = inheritedItem.item();
    if (body.kind() != null && !body.kind().equals(inherited.kind())) {
      throw new InvalidInputException(
          "item "
              + key
              + " is inherited with kind "
              + inherited.kind()
              + "; an override cannot change the kind (kind "
              + body.kind()
              + " given)");
    }
    HostItemRepository.HostItemRow base =
        existing != null && Objects.equals(existing.kind(), inherited.kind()) ? existing : null;
    Integer interval =
        body.intervalSeconds() != null
            ? Integer.valueOf(rules.interval(body.intervalSeconds(), inherited.kind()))
            : base == null ? null : base.intervalSeconds();
    Boolean enabled =
        body.enabled() != null ? body.enabled() : base == null ? null : base.enabled();
    Map<String, String> params = base == null ? null : base.params();
    if (body.params() != null) {
      Map<String, String> previous = params != null ? params : inherited.params();
      params =
          rules.build(key, inherited.kind(), interval, enabled, body.params(), previous).params();
    }
    return new HostItemRepository.HostItemRow(
        key, false, inherited.kind(), interval, enabled, params);
  }

  /** A host's own check: complete, with a kind from the catalog. */
  private HostItemRepository.HostItemRow ownItem(
      String key, HostItemRepository.HostItemRow existing, ItemRequest body) {
    String kind = body.kind() != null ? body.kind() : existing == null ? null : existing.kind();
    if (kind == null) {
      throw new InvalidInputException(
          "item " + key + " is not inherited from a template; give its kind to add it to the host");
    }
    boolean sameKind = existing != null && Objects.equals(existing.kind(), kind);
    Integer interval =
        body.intervalSeconds() != null
            ? body.intervalSeconds()
            : sameKind ? existing.intervalSeconds() : null;
    Boolean enabled =
        body.enabled() != null ? body.enabled() : sameKind ? existing.enabled() : null;
    StoredItem item;
    if (body.params() == null && sameKind && existing.params() != null) {
      rules.kindOf(kind);
      item =
          new StoredItem(
              key,
              kind,
              rules.interval(interval, kind),
              enabled == null || enabled,
              existing.params());
    } else {
      Map<String, String> previous =
          sameKind && existing.params() != null ? existing.params() : Map.of();
      item = rules.build(key, kind, interval, enabled, body.params(), previous);
    }
    return new HostItemRepository.HostItemRow(
        key, true, kind, item.intervalSeconds(), item.enabled(), item.params());
  }

  private HostItemView view(HostItemRepository.HostRef host, EffectiveConfig.EffectiveItem e) {
    StoredItem item = e.item();
    return new HostItemView(
        item.key(),
        item.kind(),
        item.kind() == null,
        item.intervalSeconds(),
        item.enabled(),
        rules.masked(item.kind(), item.params()),
        e.source(),
        e.templateId(),
        e.templateName(),
        e.overridden(),
        runsOn(host, item.kind()));
  }

  private String runsOn(HostItemRepository.HostRef host, String kind) {
    boolean server =
        host.agentless()
            && rules.catalog().check(kind).map(CatalogKind::runsOnServer).orElse(false);
    return server ? "server" : "agent";
  }

  private HostItemRepository.HostRef host(String key) {
    return hosts.hostByKey(key).orElseThrow(() -> ApiException.notFound("no host " + key));
  }
}
