package io.vigil.agent.spool;

/**
 * @param batches batches waiting for acknowledgement
 * @param bytes their size on disk
 * @param droppedTotal batches dropped (oldest first) because the spool was full or they were too
 *     old; persistent, so it keeps counting across restarts
 * @param rejectedTotal batches the server refused with 400 and that were moved aside, since start
 */
public record SpoolStats(int batches, long bytes, long droppedTotal, long rejectedTotal) {}
