package io.vigil.server.items;

/** A template or host group by id and name. */
public record Ref(long id, String name) {}
