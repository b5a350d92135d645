package io.vigil.server.items;

import java.util.Map;

/**
 * The body of {@code PUT .../items/{key}}: a template item in full, or the fields a host override
 * changes (null fields are not changed).
 *
 * @param kind check kind, null for a collector
 * @param intervalSeconds 1..86,400
 * @param enabled whether it runs
 * @param params parameter values (text, numbers or booleans); {@value ItemRules#MASK} keeps a
 *     stored secret
 */
record ItemRequest(
    String kind, Integer intervalSeconds, Boolean enabled, Map<String, Object> params) {
  static final ItemRequest EMPTY = new ItemRequest(null, null, null, null);
}
