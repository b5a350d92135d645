package io.vigil.server.items;

import java.util.Map;

/**
 * An item in API answers; secret parameter values are shown as {@value ItemRules#MASK}.
 *
 * @param key identifier
 * @param kind check kind, null for a collector
 * @param collector whether it is a built-in collector
 * @param intervalSeconds how often it runs
 * @param enabled whether it runs
 * @param params parameters, secrets masked
 */
public record ItemView(
    String key,
    String kind,
    boolean collector,
    int intervalSeconds,
    boolean enabled,
    Map<String, String> params) {}
