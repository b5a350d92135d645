package io.vigil.agent.spool;

/**
 * One batch as it lies in the spool: the gzip JSON body exactly as it will be sent, so a re-send
 * after an outage or a restart is byte-identical to the first attempt.
 */
public record SpooledBatch(long sequence, byte[] gzipJson) {}
