package io.vigil.server.store;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.server.DataDirectory;
import io.vigil.storage.MetricStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps ingest off a full disk: below {@code vigil.storage.min-free-space} free on the watched
 * directory's file system, ingest answers 503 and agents keep their batches spooled (they are sent
 * again when space returns; nothing acknowledged is at risk). Space is read at most once a second.
 * When space is back, store tables a failed background write suspended are resumed.
 *
 * <p>The embedded engine's metrics directory is watched; with the remote engine there is none, and
 * the data directory is (it holds the embedded config database, when there is one, and the secrets
 * key). VictoriaMetrics guards its own disk ({@code -storage.minFreeDiskSpaceBytes}): it then
 * refuses writes, and ingest answers 503 just the same.
 */
@Component
public class DiskGuard {

  private static final Logger log = LoggerFactory.getLogger(DiskGuard.class);
  private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path directory;
  private final long minFree;
  private final MetricStore store;
  private final DataSource configDb;
  private volatile long checkedAtNanos;
  private volatile long usable = Long.MAX_VALUE;
  private volatile boolean full;

  DiskGuard(
      DataDirectory dataDir, StorageProperties properties, MetricStore store, DataSource configDb) {
    this.configDb = configDb;
    this.directory =
        properties.engine() == StorageProperties.Engine.EMBEDDED
            ? MetricStoreConfiguration.metricsDirectory(dataDir)
            : dataDir.root();
    this.minFree = properties.minFreeSpace().toBytes();
    this.store = store;
    check();
  }

  /** True while there is less than the minimum free space. */
  public boolean full() {
    if (System.nanoTime() - checkedAtNanos > CHECK_EVERY_NANOS) {
      check();
    }
    return full;
  }

  /** Why ingest is refused, for the 503's message. */
  public String reason() {
    return "the server's disk is full ("
        + usable / (1024 * 1024)
        + " MB free, "
        + minFree / (1024 * 1024)
        + " MB kept free): the agent keeps the batch and sends it again";
  }

  @Scheduled(fixedDelayString = "5s")
  void watch() {
    check();
    if (!full) {
      try {
        int resumed = store.resumeSuspended();
        if (resumed > 0) {
          log.warn("Resumed {} store tables a failed write had suspended", resumed);
        }
      } catch (RuntimeException e) {
        log.warn("Could not resume suspended store tables: {}", e.toString());
      }
    }
  }

  /**
   * An embedded config database closes itself when a write fails; pooled connections to it stay
   * dead. New ones open it again (see {@link ClosedDatabaseEviction}).
   */
  private void renewConnections() {
    try {
      if (configDb.isWrapperFor(HikariDataSource.class)) {
        configDb.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not renew the config database connections: {}", e.toString());
    }
  }

  private synchronized void check() {
    checkedAtNanos = System.nanoTime();
    long free;
    try {
      Path existing = Files.exists(directory) ? directory : directory.getParent();
      free = Files.getFileStore(existing).getUsableSpace();
    } catch (IOException e) {
      log.warn("Cannot read the free space of {}: {}", directory, e.toString());
      return;
    }
    usable = free;
    boolean now = free < minFree;
    if (now != full) {
      if (now) {
        log.error(
            "Disk almost full: {} MB free under {} (at least {} MB kept free); ingest answers 503"
                + " until space returns, agents keep spooling",
            free / (1024 * 1024),
            directory,
            minFree / (1024 * 1024));
      } else {
        log.warn("Disk space is back ({} MB free): ingest accepts batches again", free / 1048576);
        renewConnections();
      }
      full = now;
    }
  }
}
