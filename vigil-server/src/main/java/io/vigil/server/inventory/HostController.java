package io.vigil.server.inventory;

import io.vigil.model.Inventory;
import io.vigil.model.Point;
import io.vigil.model.Severity;
import io.vigil.server.alerting.ActiveProblems;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import io.vigil.storage.MetricStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosts for the UI: the list with headline figures and check counts, one host's inventory and
 * latest values, and the creation of agentless hosts.
 */
@RestController
@RequestMapping("/api/v1/hosts")
class HostController {

  private static final Logger log = LoggerFactory.getLogger(HostController.class);

  record HostSummary(
      String key,
      String hostname,
      String os,
      boolean online,
      Long lastSeen,
      String agentVersion,
      Double cpuPct,
      Double memPct,
      Double diskMaxPct,
      Double netRxBytesPs,
      Double netTxBytesPs,
      Double load1,
      boolean agentless,
      String address,
      Map<String, Integer> checks,
      String worstSeverity) {}

  /** The body of {@code POST /api/v1/hosts}: an agentless host. */
  record CreateAgentless(String key, String hostname, String address) {}

  record HostDetail(
      String key,
      String hostname,
      String os,
      String kernel,
      String architecture,
      String cpuModel,
      Integer cpuCores,
      Integer cpuThreads,
      Long memoryBytes,
      Long bootTime,
      String agentVersion,
      List<Inventory.NetworkInterfaceInfo> interfaces,
      boolean online,
      Long lastSeen,
      Long registeredAt,
      boolean agentless,
      String address) {}

  record Latest(Map<String, List<Point>> measurements) {}

  private final HostRepository hosts;
  private final HostInventory inventory;
  private final HostPresence presence;
  private final HostFigures figures;
  private final MetricStore store;
  private final HostCheckCounts checkCounts;
  private final HostDirectory directory;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final ActiveProblems problems;
  private final HostAccess hostAccess;

  HostController(
      HostRepository hosts,
      HostInventory inventory,
      HostPresence presence,
      HostFigures figures,
      MetricStore store,
      HostCheckCounts checkCounts,
      HostDirectory directory,
      AuditLog audit,
      TransactionTemplate transactions,
      ActiveProblems problems,
      HostAccess hostAccess) {
    this.hostAccess = hostAccess;
    this.hosts = hosts;
    this.inventory = inventory;
    this.presence = presence;
    this.figures = figures;
    this.store = store;
    this.checkCounts = checkCounts;
    this.directory = directory;
    this.audit = audit;
    this.transactions = transactions;
    this.problems = problems;
  }

  @GetMapping
  List<HostSummary> list() {
    Map<String, Severity> worst = problems.worstByHost();
    HostScope scope = hostAccess.current(); // users scoped to host groups see only their hosts
    return hosts.findAll().stream()
        .filter(host -> scope.allows(host.key()))
        .map(host -> summary(host, worst.get(host.key())))
        .toList();
  }

  /**
   * Creates an agentless host: no agent reports for it, the server runs its port and HTTP checks.
   */
  @PostMapping
  ResponseEntity<HostSummary> create(
      @RequestBody(required = false) CreateAgentless request, Authentication caller) {
    requireOperator(caller);
    AgentlessHostRequest valid = AgentlessHostRequest.validate(request);
    if (hosts.keyExists(valid.key())) {
      throw conflict(valid.key());
    }
    try {
      transactions.executeWithoutResult(
          status -> {
            hosts.insertAgentless(valid.key(), valid.hostname(), valid.address());
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("key", valid.key());
            created.put("hostname", valid.hostname());
            created.put("address", valid.address());
            created.put("agentless", true);
            audit.record("create", "host", valid.key(), null, created);
          });
    } catch (DuplicateKeyException e) {
      throw conflict(valid.key());
    }
    directory.agentlessChanged();
    log.info("Agentless host {} created by {}", valid.key(), caller.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(summary(find(valid.key()), problems.worstSeverity(valid.key())));
  }

  private static void requireOperator(Authentication caller) {
    boolean allowed =
        caller != null
            && caller.getAuthorities().stream()
                .anyMatch(
                    a ->
                        a.getAuthority().equals("ROLE_ADMIN")
                            || a.getAuthority().equals("ROLE_OPERATOR"));
    if (!allowed) {
      throw new ApiException(
          HttpStatus.FORBIDDEN, "forbidden", "Creating hosts needs the ADMIN or OPERATOR role.");
    }
  }

  private static ApiException conflict(String key) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", "a host " + key + " exists already");
  }

  @GetMapping("/{key}")
  HostDetail detail(@PathVariable String key) {
    HostRepository.HostRow host = find(key);
    Inventory inv = inventory.of(host.id(), host.inventoryJson());
    return new HostDetail(
        host.key(),
        host.hostname(),
        host.os(),
        inv == null ? null : inv.kernel(),
        inv == null ? null : inv.architecture(),
        inv == null ? null : inv.cpuModel(),
        inv == null ? null : inv.cpuCores(),
        inv == null ? null : inv.cpuThreads(),
        inv == null ? null : inv.memoryBytes(),
        inv == null ? null : inv.bootTime(),
        inv == null ? null : inv.agentVersion(),
        inv == null ? List.of() : inv.interfaces(),
        presence.isOnline(host.key()),
        lastSeen(host),
        host.registeredAt().toEpochMilli(),
        host.agentless(),
        host.address());
  }

  /**
   * The newest point of each series, keeping only the newest collection of each measurement: a
   * process or file system that vanished must not linger in the tables.
   */
  @GetMapping("/{key}/latest")
  Latest latest(@PathVariable String key) {
    HostRepository.HostRow host = find(key);
    Map<String, List<Point>> result = new LinkedHashMap<>();
    for (String measurement : store.measurements()) {
      List<Point> points = store.latest(host.key(), measurement);
      if (points.isEmpty()) {
        continue;
      }
      long newest = points.stream().mapToLong(Point::timestamp).max().orElseThrow();
      result.put(measurement, points.stream().filter(p -> p.timestamp() == newest).toList());
    }
    return new Latest(result);
  }

  /** {@code worst}: the worst severity of the host's active problems, or null. */
  private HostSummary summary(HostRepository.HostRow host, Severity worst) {
    HostFigures.Figures f = figures.of(host.key());
    Inventory inv = inventory.of(host.id(), host.inventoryJson());
    return new HostSummary(
        host.key(),
        host.hostname(),
        host.os(),
        presence.isOnline(host.key()),
        lastSeen(host),
        inv == null ? null : inv.agentVersion(),
        f.cpuPct(),
        f.memPct(),
        f.diskMaxPct(),
        f.netRxBytesPs(),
        f.netTxBytesPs(),
        f.load1(),
        host.agentless(),
        host.address(),
        checkCounts.countsByStatus(HostDirectory.ref(host)),
        worst == null ? null : worst.name().toLowerCase(Locale.ROOT));
  }

  /** Epoch millis, as every time in the API. */
  private Long lastSeen(HostRepository.HostRow host) {
    Instant seen = presence.lastSeen(host.key());
    if (seen == null) {
      seen = host.lastSeenAt();
    }
    return seen == null ? null : seen.toEpochMilli();
  }

  private HostRepository.HostRow find(String key) {
    return hosts.findByKey(key).orElseThrow(() -> ApiException.notFound("no host " + key));
  }
}
