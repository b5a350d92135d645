package io.vigil.server.items;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.web.ApiException;
import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What changes to templates and host groups have in common: one transaction per change with its
 * audit record, unique names (a clash is a 409), and attaching or detaching that raises the config
 * version of the hosts it affects.
 */
@Service
public class ConfigChanges {

  /** What the audit log keeps of a template or host group. */
  public record NamedAudit(String name, String description) {}

  /**
   * One attach or detach as the audit log keeps it.
   *
   * @param targetType what is attached, e.g. {@code template}
   * @param target its name
   * @param value the link, recorded as the new value of an attach and the old value of a detach
   */
  public record Link(String targetType, String target, Object value) {}

  private final AgentConfigService configs;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  ConfigChanges(AgentConfigService configs, AuditLog audit, TransactionTemplate transactions) {
    this.configs = configs;
    this.audit = audit;
    this.transactions = transactions;
  }

  /** Runs work in one transaction; a unique key it violates (a name, a link) is a 409. */
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.execute(status -> work.get());
    } catch (DuplicateKeyException e) {
      throw ConfigText.conflict(
          "the name exists already, or a concurrent change conflicted; retry");
    }
  }

  /** The row with this id, or a 404. */
  public <R extends NamedTable.Row> R find(NamedTable<R> table, long id) {
    return table
        .find(id)
        .orElseThrow(() -> ApiException.notFound("no " + table.noun() + " with id " + id));
  }

  /** Creates a row and audits it, in one transaction; returns its id. A taken name is a 409. */
  public long create(NamedTable<?> table, String name, String description) {
    String n = ConfigText.name(name);
    String d = ConfigText.description(description);
    return inTransaction(
        () -> {
          if (table.nameExists(n)) {
            throw nameTaken(table, n);
          }
          long created = table.insert(n, d);
          audit.record("create", table.targetType(), n, null, new NamedAudit(n, d));
          return created;
        });
  }

  /** Renames and re-describes a row and audits it, in one transaction. A taken name is a 409. */
  public void update(NamedTable<?> table, long id, String name, String description) {
    String n = ConfigText.name(name);
    String d = ConfigText.description(description);
    inTransaction(
        () -> {
          NamedTable.Row old = find(table, id);
          if (!old.name().equals(n) && table.nameExists(n)) {
            throw nameTaken(table, n);
          }
          table.update(id, n, d);
          audit.record(
              "update",
              table.targetType(),
              n,
              new NamedAudit(old.name(), old.description()),
              new NamedAudit(n, d));
          return null;
        });
  }

  /**
   * Completes a delete in the caller's transaction: raises the config version of the hosts that
   * used the row and audits it.
   *
   * @param old what the audit log keeps of the row
   */
  public void deleted(NamedTable<?> table, String name, Object old, Collection<Long> affected) {
    configs.changed(affected);
    audit.record("delete", table.targetType(), name, old, null);
  }

  /**
   * Completes an attach or detach in the caller's transaction: a detach that changed nothing is a
   * 404 with the message {@code notAttached}; a change raises the config version of the hosts
   * {@code affected} gives and is audited.
   *
   * @param changed whether the link or unlink changed anything
   */
  public void linked(
      boolean attach,
      boolean changed,
      Link link,
      String notAttached,
      Supplier<? extends Collection<Long>> affected) {
    if (!attach && !changed) {
      throw ApiException.notFound(notAttached);
    }
    if (changed) {
      configs.changed(affected.get());
      audit.record(
          attach ? "attach" : "detach",
          link.targetType(),
          link.target(),
          attach ? null : link.value(),
          attach ? link.value() : null);
    }
  }

  private static ApiException nameTaken(NamedTable<?> table, String name) {
    return ConfigText.conflict("a " + table.noun() + " named " + name + " exists");
  }
}
