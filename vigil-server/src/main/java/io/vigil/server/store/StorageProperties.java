package io.vigil.server.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The metrics store ({@code vigil.storage.*}); unknown keys fail the start.
 *
 * @param rawRetention how long raw points are kept
 * @param minuteRollupRetention how long 1-minute min/avg/max rollups are kept
 * @param hourRollupRetention how long 1-hour rollups are kept
 * @param syncCommits fsync every commit (survives power loss; much slower). Without it an
 *     acknowledged batch survives a crash of the server process, not of the machine.
 * @param rollupRefreshInterval how often rollups catch up with raw data (0s: after every commit)
 * @param minFreeSpace ingest answers 503 (agents keep their batches spooled) while the metrics
 *     directory's file system has less than this free, so the store and the config database never
 *     meet a full disk mid-write
 */
@ConfigurationProperties(prefix = "vigil.storage", ignoreUnknownFields = false)
public record StorageProperties(
    @DefaultValue("30d") Duration rawRetention,
    @DefaultValue("400d") Duration minuteRollupRetention,
    @DefaultValue("1826d") Duration hourRollupRetention,
    @DefaultValue("false") boolean syncCommits,
    @DefaultValue("1m") Duration rollupRefreshInterval,
    @DefaultValue("512MB") DataSize minFreeSpace) {}
