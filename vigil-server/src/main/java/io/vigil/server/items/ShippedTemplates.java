package io.vigil.server.items;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.store.SeedLedger;
import io.vigil.server.store.ShippedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the templates shipped under {@code catalog/templates/} once, before the server takes
 * requests. Each is remembered in {@code seeded_templates}, so a shipped template the operator
 * edited or deleted is never re-created or overwritten; one whose name an operator's template
 * already uses is skipped.
 */
@Component
class ShippedTemplates implements SmartInitializingSingleton {

  static final String LOCATION = "classpath*:catalog/templates/*.yml";
  private static final Logger log = LoggerFactory.getLogger(ShippedTemplates.class);

  /** A shipped template file. */
  record Shipped(String name, String description, List<String> groups, List<ItemSpec> items) {}

  /** An item of a shipped template file. */
  record ItemSpec(
      String key,
      String kind,
      Integer intervalSeconds,
      Boolean enabled,
      Map<String, Object> params) {}

  private final SeedLedger ledger;
  private final TemplateRepository templates;
  private final ItemRules rules;
  private final AgentConfigService configs;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  ShippedTemplates(
      SeedLedger ledger,
      TemplateRepository templates,
      ItemRules rules,
      AgentConfigService configs,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.ledger = ledger;
    this.templates = templates;
    this.rules = rules;
    this.configs = configs;
    this.audit = audit;
    this.transactions = transactions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (Shipped shipped : load()) {
      try {
        transactions.executeWithoutResult(status -> seed(shipped));
      } catch (DuplicateKeyException e) {
        log.debug("Template {} was seeded concurrently", shipped.name());
      }
    }
  }

  /** The shipped templates, by file name. */
  static List<Shipped> load() {
    return ShippedFiles.load(LOCATION, "shipped template file", yaml -> List.of(parse(yaml)));
  }

  private void seed(Shipped shipped) {
    if (!ledger.markSeeded(SeedLedger.Kind.TEMPLATE, shipped.name())) {
      return;
    }
    if (templates.nameExists(shipped.name())) {
      log.info("Not creating the shipped template {}: a template has its name", shipped.name());
      return;
    }
    long id = templates.insert(shipped.name(), ConfigText.description(shipped.description()), true);
    for (ItemSpec spec : shipped.items()) {
      templates.upsertItem(
          id,
          rules.build(
              spec.key(),
              spec.kind(),
              spec.intervalSeconds(),
              spec.enabled(),
              spec.params(),
              Map.of()));
    }
    for (String group : shipped.groups()) {
      templates.groupByName(group).ifPresent(g -> templates.linkGroup(id, g.id()));
    }
    configs.changed(templates.hostsUsing(id));
    audit.record(
        "create",
        "template",
        shipped.name(),
        null,
        new ConfigChanges.NamedAudit(shipped.name(), shipped.description()));
    log.info("Created the shipped template {}", shipped.name());
  }

  @SuppressWarnings("unchecked")
  private static Shipped parse(Object yaml) {
    Map<String, Object> map = strict(yaml, Set.of("name", "description", "groups", "items"));
    List<ItemSpec> items = new ArrayList<>();
    for (Object o : (List<Object>) map.getOrDefault("items", List.of())) {
      Map<String, Object> item =
          strict(o, Set.of("key", "kind", "intervalSeconds", "enabled", "params"));
      items.add(
          new ItemSpec(
              (String) item.get("key"),
              (String) item.get("kind"),
              (Integer) item.get("intervalSeconds"),
              (Boolean) item.get("enabled"),
              item.get("params") == null
                  ? Map.of()
                  : new LinkedHashMap<>((Map<String, Object>) item.get("params"))));
    }
    return new Shipped(
        ConfigText.name((String) map.get("name")),
        (String) map.get("description"),
        (List<String>) map.getOrDefault("groups", List.of()),
        items);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> strict(Object yaml, Set<String> keys) {
    if (!(yaml instanceof Map<?, ?> map) || !keys.containsAll(map.keySet())) {
      throw new IllegalArgumentException("expected a mapping with keys among " + keys);
    }
    return (Map<String, Object>) map;
  }
}
