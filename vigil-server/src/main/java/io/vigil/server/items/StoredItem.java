package io.vigil.server.items;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item as stored in a template: values of secret parameters are sealed by {@link SecretBox}.
 *
 * @param key identifier, unique within its template
 * @param kind check kind, null for a built-in collector (named by the key)
 * @param intervalSeconds 1..86,400
 * @param enabled whether it runs
 * @param params parameter values as text
 */
record StoredItem(
    String key, String kind, int intervalSeconds, boolean enabled, Map<String, String> params) {
  StoredItem {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
  }
}
