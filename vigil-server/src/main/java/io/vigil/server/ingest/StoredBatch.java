package io.vigil.server.ingest;

import io.vigil.model.Point;
import java.util.List;

/** Points of one host that are now durable in the store, each carrying the host tag. */
public record StoredBatch(String hostKey, List<Point> points) {}
