package io.vigil.storage;

/** One ranked host: its key and the aggregated value of the ranked field. */
public record TopEntry(String host, double value) {}
