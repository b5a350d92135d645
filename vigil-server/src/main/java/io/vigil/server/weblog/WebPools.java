package io.vigil.server.weblog;

import io.vigil.model.Names;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which hosts a web-traffic question covers: one host, a pool of web servers given as a host group
 * (its members) or a host tag ({@code name=value}), always within the caller's host-group scope. A
 * host or a group outside the scope is a 403; a tag names no tenant, so its hosts are filtered.
 */
@Component
class WebPools {

  /**
   * @param kind {@code host}, {@code group} or {@code tag}
   * @param name the host key, the group's name or the tag as {@code name=value}
   * @param hosts the hosts covered, sorted
   */
  record Pool(String kind, String name, List<String> hosts) {}

  /** A host group offered in the pool picker, with how many web hosts it holds. */
  record GroupChoice(long id, String name, int hosts) {}

  /** A host tag offered in the pool picker, with how many web hosts carry it. */
  record TagChoice(String tag, int hosts) {}

  private final JdbcClient jdbc;
  private final HostAccess hostAccess;
  private final int maxHosts;

  WebPools(JdbcClient jdbc, HostAccess hostAccess, WebLogProperties properties) {
    this.jdbc = jdbc;
    this.hostAccess = hostAccess;
    this.maxHosts = properties.maxPoolHosts();
  }

  /** Exactly one of host, group and tag. */
  Pool resolve(String host, String group, String tag) {
    int given = (blank(host) ? 0 : 1) + (blank(group) ? 0 : 1) + (blank(tag) ? 0 : 1);
    if (given != 1) {
      throw ApiException.badRequest(
          "name exactly one of host (a host key), group (a host group id) or tag (name=value)");
    }
    return !blank(host) ? host(host) : !blank(group) ? group(group) : tag(tag);
  }

  /** A pool of web servers: a group or a tag, exactly one. */
  Pool pool(String group, String tag) {
    if (blank(group) == blank(tag)) {
      throw ApiException.badRequest(
          "name exactly one of group (a host group id) or tag (name=value)");
    }
    return blank(group) ? tag(tag) : group(group);
  }

  Pool host(String key) {
    if (key.length() > Names.MAX_TAG_VALUE_LENGTH) {
      throw ApiException.badRequest("host is longer than " + Names.MAX_TAG_VALUE_LENGTH);
    }
    hostAccess.requireHost(key);
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM hosts WHERE host_key = ?")
                .param(key)
                .query(Long.class)
                .single()
            > 0;
    if (!known) {
      throw ApiException.notFound("no host " + key);
    }
    return new Pool("host", key, List.of(key));
  }

  Pool group(String idText) {
    long id;
    try {
      id = Long.parseLong(idText.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("group must be a host group id, got " + shorten(idText));
    }
    HostScope scope = hostAccess.current();
    if (!scope.allowsGroup(id)) {
      throw ApiException.forbidden("You have no access to host group " + id + ".");
    }
    String name =
        jdbc.sql("SELECT name FROM host_groups WHERE id = ?")
            .param(id)
            .query(String.class)
            .optional()
            .orElseThrow(() -> ApiException.notFound("no host group " + id));
    List<String> members =
        jdbc.sql(
                "SELECT h.host_key FROM hosts h JOIN host_group_members m ON m.host_id = h.id"
                    + " WHERE m.group_id = ?")
            .param(id)
            .query(String.class)
            .list();
    return new Pool("group", name, inScope(members, scope));
  }

  Pool tag(String spec) {
    int at = separator(spec);
    String name = at < 0 ? "" : spec.substring(0, at).strip();
    String value = at < 0 ? "" : spec.substring(at + 1);
    if (!Names.isIdentifier(name) || value.isEmpty() || value.length() > 256) {
      throw ApiException.badRequest("tag looks like name=value, got " + shorten(spec));
    }
    List<String> tagged =
        jdbc.sql(
                "SELECT h.host_key FROM hosts h JOIN host_tags t ON t.host_id = h.id"
                    + " WHERE t.name = ? AND t.tag_value = ?")
            .params(name, value)
            .query(String.class)
            .list();
    return new Pool("tag", name + "=" + value, inScope(tagged, hostAccess.current()));
  }

  /** Groups in the caller's scope holding some of the web hosts, by name. */
  List<GroupChoice> groupsOf(Collection<String> webHosts) {
    HostScope scope = hostAccess.current();
    Map<String, long[]> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    jdbc.sql(
            "SELECT g.id, g.name, h.host_key FROM host_groups g"
                + " JOIN host_group_members m ON m.group_id = g.id"
                + " JOIN hosts h ON h.id = m.host_id")
        .query(
            rs -> {
              long id = rs.getLong(1);
              if (scope.allowsGroup(id) && webHosts.contains(rs.getString(3))) {
                byName.computeIfAbsent(rs.getString(2), n -> new long[] {id, 0})[1]++;
              }
            });
    List<GroupChoice> result = new ArrayList<>();
    byName.forEach((name, v) -> result.add(new GroupChoice(v[0], name, (int) v[1])));
    return result;
  }

  /** Tags ({@code name=value}) carried by some of the web hosts, sorted. */
  List<TagChoice> tagsOf(Collection<String> webHosts) {
    Map<String, Integer> counts = new TreeMap<>();
    jdbc.sql(
            "SELECT h.host_key, t.name, t.tag_value FROM host_tags t"
                + " JOIN hosts h ON h.id = t.host_id")
        .query(
            rs -> {
              if (webHosts.contains(rs.getString(1))) {
                counts.merge(rs.getString(2) + "=" + rs.getString(3), 1, Integer::sum);
              }
            });
    List<TagChoice> result = new ArrayList<>();
    counts.forEach((tag, n) -> result.add(new TagChoice(tag, n)));
    return result;
  }

  private List<String> inScope(List<String> hosts, HostScope scope) {
    Set<String> result = new TreeSet<>();
    hosts.stream().filter(scope::allows).forEach(result::add);
    if (result.size() > maxHosts) {
      throw ApiException.badRequest(
          "a pool may hold at most "
              + maxHosts
              + " hosts (vigil.weblog.max-pool-hosts); this one has "
              + result.size());
    }
    return List.copyOf(result);
  }

  /** The first = or : (a tag name is an identifier, so it holds neither). */
  private static int separator(String spec) {
    int eq = spec.indexOf('=');
    int colon = spec.indexOf(':');
    return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
