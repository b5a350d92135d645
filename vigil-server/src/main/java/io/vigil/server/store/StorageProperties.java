package io.vigil.server.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The metrics store ({@code vigil.storage.*}); unknown keys fail the start.
 *
 * @param rawRetention how long raw points are kept
 * @param minuteRollupRetention how long 1-minute min/avg/max rollups are kept
 * @param hourRollupRetention how long 1-hour rollups are kept
 * @param syncCommits fsync every commit (survives power loss; much slower). Without it an
 *     acknowledged batch survives a crash of the server process, not of the machine.
 * @param rollupRefreshInterval how often rollups catch up with raw data (0s: after every commit)
 */
@ConfigurationProperties(prefix = "vigil.storage", ignoreUnknownFields = false)
public record StorageProperties(
    @DefaultValue("30d") Duration rawRetention,
    @DefaultValue("400d") Duration minuteRollupRetention,
    @DefaultValue("1826d") Duration hourRollupRetention,
    @DefaultValue("false") boolean syncCommits,
    @DefaultValue("1m") Duration rollupRefreshInterval) {}
