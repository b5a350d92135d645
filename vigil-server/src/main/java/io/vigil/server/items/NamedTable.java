package io.vigil.server.items;

import java.util.Optional;

/**
 * The templates or the host groups: rows with a unique name and a description, as {@link
 * ConfigChanges} creates and renames them.
 *
 * @param <R> the row type
 */
public interface NamedTable<R extends NamedTable.Row> {

  /** A stored template or host group. */
  interface Row {
    String name();

    String description();
  }

  /** What the audit log calls a row, e.g. {@code host_group}. */
  String targetType();

  /** What messages call a row, e.g. {@code host group}. */
  String noun();

  Optional<R> find(long id);

  boolean nameExists(String name);

  long insert(String name, String description);

  void update(long id, String name, String description);
}
