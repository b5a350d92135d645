package io.vigil.server.ingest;

/**
 * Consumes batches after they are durable in the store. Called on the store's writer thread: an
 * implementation must return quickly and never block (hand work to its own queue if needed).
 */
public interface IngestListener {
  void onStored(StoredBatch batch);
}
