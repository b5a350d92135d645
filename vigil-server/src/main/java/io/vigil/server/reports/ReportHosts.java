package io.vigil.server.reports;

import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns a report's hosts and groups into the host keys it covers, within the caller's scope. */
@Component
class ReportHosts {

  static final int MAX_HOSTS = 500;

  private final JdbcClient jdbc;

  ReportHosts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<String> resolve(List<String> hosts, List<Long> groups, HostScope scope) {
    Set<String> known =
        new TreeSet<>(jdbc.sql("SELECT host_key FROM hosts").query(String.class).list());
    Set<String> result = new TreeSet<>();
    for (String host : hosts) {
      if (!scope.allows(host)) {
        throw ApiException.forbidden("You have no access to host " + host + ".");
      }
      if (!known.contains(host)) {
        throw ApiException.badRequest("unknown host " + host);
      }
      result.add(host);
    }
    for (long group : groups) {
      if (!scope.allowsGroup(group)) {
        throw ApiException.forbidden("You have no access to host group " + group + ".");
      }
      boolean exists =
          jdbc.sql("SELECT COUNT(*) FROM host_groups WHERE id = ?")
                  .param(group)
                  .query(Long.class)
                  .single()
              > 0;
      if (!exists) {
        throw ApiException.badRequest("unknown host group " + group);
      }
      jdbc
          .sql(
              "SELECT h.host_key FROM hosts h JOIN host_group_members m ON m.host_id = h.id"
                  + " WHERE m.group_id = ?")
          .param(group)
          .query(String.class)
          .list()
          .stream()
          .filter(scope::allows)
          .forEach(result::add);
    }
    if (hosts.isEmpty() && groups.isEmpty()) {
      known.stream().filter(scope::allows).forEach(result::add);
    }
    if (result.size() > MAX_HOSTS) {
      throw ApiException.badRequest(
          "a report covers at most " + MAX_HOSTS + " hosts but this one has " + result.size());
    }
    return new ArrayList<>(result);
  }
}
