package io.vigil.server.inventory;

import io.vigil.server.ha.ClusterListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hosts of data that arrives without an agent (InfluxDB line protocol, Glances): found by the key
 * made from the name the data carries, and created when missing — agentless (no agent reports for
 * them; their server-side check items, if any, run on the server) and in a host group, so the
 * group's templates and scopes apply. Known hosts are kept in memory (the write path asks for every
 * request); creations of one request happen in one transaction.
 */
@Service
public class HostProvisioning implements ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(HostProvisioning.class);
  private static final int CHUNK = 500;
  private static final int MAX_KEY = 253;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final HostGroupRepository groups;
  private final HostDirectory directory;
  private final Map<String, HostDirectory.HostRef> known = new ConcurrentHashMap<>();
  private final Object creation = new Object();

  HostProvisioning(
      JdbcClient jdbc,
      JdbcTemplate batch,
      TransactionTemplate transactions,
      HostGroupRepository groups,
      HostDirectory directory) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.groups = groups;
    this.directory = directory;
  }

  @Override
  public void sharedConfigChanged() {
    known.clear();
  }

  /**
   * The host key for a host name reported by a foreign source, like the keys enrolment makes: lower
   * case, every character but letters, digits, {@code .}, {@code -} and {@code _} replaced by
   * {@code -}, at most 253 characters, starting with a letter or digit; null when nothing usable
   * remains.
   */
  public static String keyFor(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder key = new StringBuilder(Math.min(name.length(), MAX_KEY));
    for (int i = 0; i < name.length() && key.length() < MAX_KEY; i++) {
      char c = Character.toLowerCase(name.charAt(i));
      boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (key.isEmpty() && !plain) {
        continue;
      }
      key.append(plain || c == '.' || c == '-' || c == '_' ? c : '-');
    }
    return key.isEmpty() ? null : key.toString();
  }

  /** The hosts of these keys that exist; the others are absent from the answer. */
  public Map<String, HostDirectory.HostRef> find(Collection<String> keys) {
    return lookup(keys, true);
  }

  /** As {@link #find}; {@code remember} is false inside a transaction that may still roll back. */
  private Map<String, HostDirectory.HostRef> lookup(Collection<String> keys, boolean remember) {
    Map<String, HostDirectory.HostRef> found = new HashMap<>(keys.size() * 2);
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      HostDirectory.HostRef host = known.get(key);
      if (host != null) {
        found.put(key, host);
      } else {
        missing.add(key);
      }
    }
    for (int from = 0; from < missing.size(); from += CHUNK) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
      String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
      jdbc.sql(
              "SELECT id, host_key, agentless, address FROM hosts WHERE host_key IN ("
                  + marks
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) ->
                  new HostDirectory.HostRef(
                      rs.getLong("id"),
                      rs.getString("host_key"),
                      rs.getBoolean("agentless"),
                      rs.getString("address")))
          .list()
          .forEach(
              host -> {
                if (remember) {
                  known.put(host.key(), host);
                }
                found.put(host.key(), host);
              });
    }
    return found;
  }

  /**
   * Creates agentless hosts for these keys (those another request created meanwhile are found
   * instead), each joining the group {@code groupId} or, when null or deleted, the group named
   * {@code fallbackGroup} (none when neither exists).
   *
   * @param hostnameByKey key → the name as reported, shown in the UI
   */
  public Map<String, HostDirectory.HostRef> create(
      Map<String, String> hostnameByKey, Long groupId, String fallbackGroup) {
    return create(hostnameByKey, groupId, fallbackGroup, wanted -> wanted);
  }

  /**
   * As {@link #create(Map, Long, String)}, creating only as many of the hosts that do not exist yet
   * as {@code allowance} grants (asked with their number, after the hosts other requests created
   * meanwhile were found, so a budget is charged only for hosts really created). The answer holds
   * the hosts found or created; the others were not created.
   */
  public Map<String, HostDirectory.HostRef> create(
      Map<String, String> hostnameByKey,
      Long groupId,
      String fallbackGroup,
      IntUnaryOperator allowance) {
    if (hostnameByKey.isEmpty()) {
      return Map.of();
    }
    // One creator at a time in this server: concurrent writers naming the same new hosts would
    // otherwise only wait on each other's locks in the database (H2 gave up after its lock
    // timeout).
    synchronized (creation) {
      Map<String, HostDirectory.HostRef> existing = find(hostnameByKey.keySet());
      Map<String, String> missing = new LinkedHashMap<>();
      hostnameByKey.forEach(
          (key, name) -> {
            if (!existing.containsKey(key)) {
              missing.put(key, name);
            }
          });
      int granted = missing.isEmpty() ? 0 : allowance.applyAsInt(missing.size());
      Map<String, String> create = new LinkedHashMap<>();
      for (Map.Entry<String, String> host : missing.entrySet()) {
        if (create.size() == granted) {
          break;
        }
        create.put(host.getKey(), host.getValue());
      }
      if (create.isEmpty()) {
        return existing; // another request created them meanwhile, or no budget is left
      }
      createAll(create, groupId, fallbackGroup);
    }
    directory.agentlessChanged();
    return find(hostnameByKey.keySet());
  }

  private void createAll(Map<String, String> hostnameByKey, Long groupId, String fallbackGroup) {
    try {
      createInTransaction(hostnameByKey, groupId, fallbackGroup);
    } catch (DuplicateKeyException e) {
      // Another request (or the other server) created some of them at the same moment: create
      // the rest one by one.
      for (Map.Entry<String, String> host : hostnameByKey.entrySet()) {
        if (lookup(List.of(host.getKey()), false).isEmpty()) {
          try {
            createInTransaction(Map.of(host.getKey(), host.getValue()), groupId, fallbackGroup);
          } catch (DuplicateKeyException again) {
            log.debug("Host {} was created concurrently", host.getKey());
          }
        }
      }
    }
  }

  private void createInTransaction(
      Map<String, String> hostnameByKey, Long groupId, String fallbackGroup) {
    transactions.executeWithoutResult(
        status -> {
          Map<String, HostDirectory.HostRef> existing = lookup(hostnameByKey.keySet(), false);
          List<Object[]> rows = new ArrayList<>();
          java.time.OffsetDateTime now = HostRepository.now();
          for (Map.Entry<String, String> host : hostnameByKey.entrySet()) {
            if (!existing.containsKey(host.getKey())) {
              String name = host.getValue().strip();
              rows.add(
                  new Object[] {
                    host.getKey(),
                    name.isEmpty() ? host.getKey() : truncate(name),
                    HostRepository.AGENTLESS_MACHINE_PREFIX + UUID.randomUUID(),
                    now
                  });
            }
          }
          if (rows.isEmpty()) {
            return;
          }
          batch.batchUpdate(
              "INSERT INTO hosts (host_key, hostname, machine_id, registered_at, agentless)"
                  + " VALUES (?, ?, ?, ?, TRUE)",
              rows);
          Optional<Long> group = group(groupId, fallbackGroup);
          List<String> created = rows.stream().map(row -> (String) row[0]).toList();
          Map<String, HostDirectory.HostRef> refs = lookup(created, false);
          if (group.isPresent()) {
            batch.batchUpdate(
                "INSERT INTO host_group_members (group_id, host_id) VALUES (?, ?)",
                refs.values().stream().map(h -> new Object[] {group.get(), h.id()}).toList());
          }
          log.info(
              "Created {} agentless host(s) reported by line protocol or Glances, e.g. {}{}",
              created.size(),
              created.get(0),
              group.map(id -> " (group " + id + ")").orElse(" (no group)"));
        });
  }

  private Optional<Long> group(Long groupId, String fallbackGroup) {
    if (groupId != null && groups.find(groupId).isPresent()) {
      return Optional.of(groupId);
    }
    Optional<Long> fallback =
        fallbackGroup == null ? Optional.empty() : groups.idByName(fallbackGroup);
    if (fallback.isEmpty()) {
      log.warn("Host group {} does not exist: new hosts join no group", fallbackGroup);
    }
    return fallback;
  }

  private static String truncate(String name) {
    return name.length() > 253 ? name.substring(0, 253) : name;
  }
}
