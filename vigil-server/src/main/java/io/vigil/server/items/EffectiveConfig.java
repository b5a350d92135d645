package io.vigil.server.items;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes a host's effective items. Precedence, highest first:
 *
 * <ol>
 *   <li>the host's own item, or its override of an inherited item ({@code host_items}; null fields
 *       of an override inherit; an override applies only while an inherited item of its kind
 *       exists);
 *   <li>templates attached to the host itself, the lower template id first;
 *   <li>templates attached to one of the host's groups, the lower template id first;
 *   <li>for a collector no template lists: disabled, at the catalog's default interval.
 * </ol>
 *
 * Among templates the first that has an item key provides the whole item (its interval, enabled
 * flag and parameters); items are not merged field by field across templates.
 */
@Component
class EffectiveConfig {

  /**
   * One effective item.
   *
   * @param source {@code template}, {@code host} (the host's own item) or {@code default} (a
   *     collector no template lists)
   * @param overridden whether a host override changed an inherited or default item
   */
  record EffectiveItem(
      StoredItem item, String source, Long templateId, String templateName, boolean overridden) {}

  /** A template applied to a host, and whether through a group or directly. */
  record AppliedTemplate(long id, String name, String via) {}

  record Effective(
      HostItemRepository.HostRef host,
      List<Ref> groups,
      List<AppliedTemplate> templates,
      List<EffectiveItem> items) {

    Optional<EffectiveItem> item(String key) {
      return items.stream().filter(i -> i.item().key().equals(key)).findFirst();
    }
  }

  private final JdbcClient jdbc;
  private final HostItemRepository hostItems;
  private final CheckCatalog catalog;

  EffectiveConfig(JdbcClient jdbc, HostItemRepository hostItems, CheckCatalog catalog) {
    this.jdbc = jdbc;
    this.hostItems = hostItems;
    this.catalog = catalog;
  }

  Optional<Effective> of(long hostId) {
    return hostItems.hostById(hostId).map(this::of);
  }

  Effective of(HostItemRepository.HostRef host) {
    return of(host, true);
  }

  /** The item the host inherits under this key, ignoring the host's own override. */
  Optional<EffectiveItem> inherited(HostItemRepository.HostRef host, String key) {
    return of(host, false).item(key);
  }

  private Effective of(HostItemRepository.HostRef host, boolean withHostItems) {
    List<Ref> groups =
        jdbc.sql(
                "SELECT g.id, g.name FROM host_groups g JOIN host_group_members m"
                    + " ON m.group_id = g.id WHERE m.host_id = ? ORDER BY g.name")
            .param(host.id())
            .query((rs, n) -> new Ref(rs.getLong("id"), rs.getString("name")))
            .list();
    List<AppliedTemplate> templates = templates(host.id());
    Map<String, EffectiveItem> items = new LinkedHashMap<>();
    Map<Long, List<StoredItem>> byTemplate = templateItems(host.id());
    for (AppliedTemplate t : templates) {
      for (StoredItem item : byTemplate.getOrDefault(t.id(), List.of())) {
        items.putIfAbsent(item.key(), new EffectiveItem(item, "template", t.id(), t.name(), false));
      }
    }
    for (String collector : catalog.collectorNames()) {
      items.computeIfAbsent(
          collector,
          key ->
              new EffectiveItem(
                  new StoredItem(key, null, catalog.collectorIntervalSeconds(), false, Map.of()),
                  "default",
                  null,
                  null,
                  false));
    }
    if (withHostItems) {
      for (HostItemRepository.HostItemRow row : hostItems.rows(host.id())) {
        apply(items, row);
      }
    }
    return new Effective(host, groups, templates, ordered(items));
  }

  private void apply(Map<String, EffectiveItem> items, HostItemRepository.HostItemRow row) {
    EffectiveItem inherited = items.get(row.key());
    if (row.own()) {
      if (row.kind() == null || catalog.check(row.kind()).isEmpty()) {
        return; // a kind no longer in the catalog
      }
      StoredItem own =
          new StoredItem(
              row.key(),
              row.kind(),
              row.intervalSeconds() != null
                  ? row.intervalSeconds()
                  : catalog.defaultIntervalSeconds(row.kind()),
              row.enabled() == null || row.enabled(),
              row.params() == null ? Map.of() : row.params());
      items.put(row.key(), new EffectiveItem(own, "host", null, null, false));
      return;
    }
    if (inherited == null || !Objects.equals(row.kind(), inherited.item().kind())) {
      return; // the inherited item is gone or changed kind: the stale override no longer applies
    }
    StoredItem base = inherited.item();
    StoredItem merged =
        new StoredItem(
            base.key(),
            base.kind(),
            row.intervalSeconds() != null ? row.intervalSeconds() : base.intervalSeconds(),
            row.enabled() != null ? row.enabled() : base.enabled(),
            row.params() != null ? row.params() : base.params());
    items.put(
        row.key(),
        new EffectiveItem(
            merged, inherited.source(), inherited.templateId(), inherited.templateName(), true));
  }

  /** Collectors in catalog order, then checks by key. */
  private List<EffectiveItem> ordered(Map<String, EffectiveItem> items) {
    List<String> collectors = catalog.collectorNames();
    List<EffectiveItem> result = new ArrayList<>(items.values());
    result.sort(
        Comparator.comparingInt(
                (EffectiveItem i) -> {
                  int index = collectors.indexOf(i.item().key());
                  return i.item().kind() == null && index >= 0 ? index : Integer.MAX_VALUE;
                })
            .thenComparing(i -> i.item().key()));
    return result;
  }

  /** Host-attached templates first, then group-attached ones, each by ascending id. */
  private List<AppliedTemplate> templates(long hostId) {
    List<AppliedTemplate> direct =
        jdbc.sql(
                "SELECT t.id, t.name FROM templates t JOIN template_hosts th"
                    + " ON th.template_id = t.id WHERE th.host_id = ? ORDER BY t.id")
            .param(hostId)
            .query((rs, n) -> new AppliedTemplate(rs.getLong("id"), rs.getString("name"), "host"))
            .list();
    List<AppliedTemplate> viaGroups =
        jdbc.sql(
                "SELECT DISTINCT t.id, t.name FROM templates t"
                    + " JOIN template_groups tg ON tg.template_id = t.id"
                    + " JOIN host_group_members m ON m.group_id = tg.group_id"
                    + " WHERE m.host_id = ? ORDER BY t.id")
            .param(hostId)
            .query((rs, n) -> new AppliedTemplate(rs.getLong("id"), rs.getString("name"), "group"))
            .list();
    Set<Long> seen = new LinkedHashSet<>();
    List<AppliedTemplate> all = new ArrayList<>();
    for (AppliedTemplate t : direct) {
      if (seen.add(t.id())) {
        all.add(t);
      }
    }
    for (AppliedTemplate t : viaGroups) {
      if (seen.add(t.id())) {
        all.add(t);
      }
    }
    return all;
  }

  private Map<Long, List<StoredItem>> templateItems(long hostId) {
    Map<Long, List<StoredItem>> byTemplate = new HashMap<>();
    jdbc.sql(
            "SELECT template_id, item_key, kind, interval_seconds, enabled, params_json"
                + " FROM template_items WHERE template_id IN ("
                + " SELECT template_id FROM template_hosts WHERE host_id = ?"
                + " UNION SELECT tg.template_id FROM template_groups tg"
                + " JOIN host_group_members m ON m.group_id = tg.group_id WHERE m.host_id = ?)"
                + " ORDER BY template_id, item_key")
        .params(hostId, hostId)
        .query(
            (rs, n) -> {
              byTemplate
                  .computeIfAbsent(rs.getLong("template_id"), id -> new ArrayList<>())
                  .add(TemplateRepository.item(rs, n));
              return null;
            })
        .list();
    return byTemplate;
  }
}
