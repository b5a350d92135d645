package io.vigil.storage.questdb;

import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ColumnType;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.std.ObjHashSet;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.model.Point;
import io.vigil.storage.AggregateQuery;
import io.vigil.storage.AggregateSeries;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.MeasurementDiskUsage;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link MetricStore}: QuestDB run in-process through {@link ServerMain} with
 * every network endpoint off, so its background jobs (WAL apply, WAL purge, TTL, materialized-view
 * refresh) run on its own worker threads.
 *
 * <p><b>Layout.</b> One WAL table per measurement, created on first write: designated timestamp
 * {@code ts} (micros), {@code host} SYMBOL, one SYMBOL per tag, one numeric column per field;
 * {@code PARTITION BY DAY}, {@code TTL} = raw retention, {@code DEDUP UPSERT KEYS(ts, host,
 * tags...)} so a re-sent batch keeps one row per series and instant. Two materialized views per
 * measurement, {@code <m>_1m} and {@code <m>_1h}, hold {@code <field>__min/avg/max/count} per host
 * and tag set, refreshed by the engine after each commit, with their own TTLs.
 *
 * <p><b>Retention.</b> QuestDB drops whole partitions older than a table's TTL whenever it applies
 * a commit to the table (and at once when the TTL changes). Each open gives existing tables and
 * views the TTLs of the settings ({@link Retention}), so a changed retention reaches every
 * measurement, not only new ones. With {@link QuestDbSettings#parquetAfter()} set, older raw
 * partitions are converted to Parquet in the background ({@link ParquetArchiver}).
 *
 * <p><b>Column types.</b> Fields named {@code *_pct} or {@code *_ratio} are stored as FLOAT (4
 * bytes, ~7 significant digits), all other fields as DOUBLE (8 bytes). The type is fixed when the
 * column is created; queries always return doubles.
 *
 * <p><b>Schema evolution.</b> A tag or field never seen before is added with {@code ALTER TABLE ADD
 * COLUMN} (a new tag also joins the dedup key). The measurement's rollup views are then dropped and
 * recreated so they include the new column; a recreated view is rebuilt from the raw data still
 * kept, so <em>rollups older than the raw retention are lost</em> for that measurement, and while
 * the rebuild runs the rollups are incomplete. Field names must not contain {@code __} and
 * measurement names must not end in {@code _1m}/{@code _1h} (both reserved for rollups).
 *
 * <p><b>Durability and visibility.</b> {@link #write} returns once every table's rows are committed
 * to its WAL: they survive a crash of the process (and, with {@link QuestDbSettings#syncCommits},
 * power loss). They become visible to queries a little later, when the engine has applied the WAL
 * to the table (normally milliseconds), and to the rollups after the following view refresh. Tables
 * committed before a failing one stay committed; retrying the whole batch is safe thanks to dedup.
 *
 * <p><b>Threads.</b> {@link #write} is for one writer thread; queries may run on any thread.
 *
 * <p><b>JVM.</b> On JDK 24+ start with {@code --sun-misc-unsafe-memory-access=allow
 * --enable-native-access=ALL-UNNAMED}. QuestDB's log goes to SLF4J logger {@code io.questdb}.
 */
public final class QuestDbMetricStore implements MetricStore {

  private static final Logger LOG = LoggerFactory.getLogger(QuestDbMetricStore.class);
  private static final Duration DDL_APPLY_TIMEOUT = Duration.ofSeconds(60);

  private final QuestDbSettings settings;
  private final ServerMain server;
  private final CairoEngine engine;
  private final SqlRunner sql;
  private final DiskUsageReader disk;
  private final ParquetArchiver parquet;

  /** Published schemas, read by query threads; replaced (never mutated) by the writer. */
  private final Map<String, TableSchema> schemas = new ConcurrentHashMap<>();

  /** Writer thread only. */
  private final Map<String, TableAppender> appenders = new HashMap<>();

  private volatile boolean closed;

  private QuestDbMetricStore(QuestDbSettings settings, ServerMain server) {
    this.settings = settings;
    this.server = server;
    this.engine = server.getEngine();
    this.sql = new SqlRunner(engine);
    Path dbRoot = Path.of(engine.getConfiguration().getDbRoot().toString());
    this.disk = new DiskUsageReader(engine, sql, dbRoot);
    this.parquet =
        new ParquetArchiver(
            sql,
            schemas::keySet,
            settings.parquetAfter(),
            Clock.systemUTC(),
            () -> usableSpace(dbRoot));
  }

  /** Starts the embedded engine on {@code settings.dataDir()}; close the store to stop it. */
  public static QuestDbMetricStore open(QuestDbSettings settings) {
    Path root = settings.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + root, e);
    }
    QuestDbLogConfig.install(root);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("QDB_HTTP_ENABLED", "false");
    env.put("QDB_HTTP_MIN_ENABLED", "false");
    env.put("QDB_PG_ENABLED", "false");
    env.put("QDB_LINE_TCP_ENABLED", "false");
    env.put("QDB_LINE_UDP_ENABLED", "false");
    env.put("QDB_TELEMETRY_ENABLED", "false");
    env.put("QDB_CAIRO_COMMIT_MODE", settings.syncCommits() ? "sync" : "nosync");
    // Parquet partitions: ZSTD (level 9) made the agent's data 35 % smaller than QuestDB's default
    // LZ4_RAW at the same query times (docs/benchmarks.md); the environment may still choose.
    env.putIfAbsent("QDB_CAIRO_PARTITION_ENCODER_PARQUET_COMPRESSION_CODEC", "ZSTD");
    // One table per measurement plus two views each, a dozen columns apiece: QuestDB's default
    // 16 MB append page per open column reserved gigabytes on a fresh install (a 20-row table
    // showed 117 MiB). 1 MB pages cost a remap per megabyte of a column, nothing measurable.
    env.putIfAbsent("QDB_CAIRO_WRITER_DATA_APPEND_PAGE_SIZE", "1M");
    ServerMain server = ServerMain.create(root.toString(), env);
    try {
      server.start();
      QuestDbMetricStore store = new QuestDbMetricStore(settings, server);
      store.loadSchemas();
      store.parquet.start(settings.parquetCheckInterval());
      LOG.info(
          "QuestDB store open at {} with {} measurements (raw {} d, 1m {} d, 1h {} w, Parquet {})",
          root,
          store.schemas.size(),
          settings.rawRetentionDays(),
          settings.minuteRollupRetentionDays(),
          settings.hourRollupRetentionWeeks(),
          settings.parquetAfter() == null ? "off" : "after " + settings.parquetAfter());
      return store;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void write(List<Point> points) {
    requireOpen();
    if (points.isEmpty()) {
      return;
    }
    Map<String, List<Point>> byTable = new LinkedHashMap<>();
    for (Point point : points) {
      if (!point.tags().containsKey(Point.HOST_TAG)) {
        throw new InvalidInputException(point.measurement() + ": point without host tag");
      }
      byTable.computeIfAbsent(point.measurement(), m -> new ArrayList<>()).add(point);
    }
    // Validate every schema change before touching any table, so bad input changes nothing.
    Map<String, TableSchema> wanted = new LinkedHashMap<>();
    byTable.forEach((table, tablePoints) -> wanted.put(table, wantedSchema(table, tablePoints)));
    List<TableAppender> pending = new ArrayList<>(byTable.size());
    try {
      for (Map.Entry<String, List<Point>> entry : byTable.entrySet()) {
        TableAppender appender = appenderFor(entry.getKey(), wanted.get(entry.getKey()));
        pending.add(appender);
        appender.append(entry.getValue());
      }
      for (int i = 0; i < pending.size(); i++) {
        pending.get(i).commit();
        pending.set(i, null);
      }
    } catch (RuntimeException e) {
      pending.stream().filter(a -> a != null).forEach(this::discard);
      throw e;
    }
  }

  @Override
  public RangeResult range(RangeQuery query) {
    requireOpen();
    Resolution resolution = query.effectiveResolution();
    return new RangeReader(sql).read(schemaOf(query.measurement()), query, resolution);
  }

  @Override
  public List<Point> latest(String host, String measurement) {
    requireOpen();
    Names.requireTagValue(Point.HOST_TAG, host);
    TableSchema schema = schemaOf(measurement);
    QuerySql.Statement statement = QuerySql.latest(schema);
    List<Point> result = new ArrayList<>();
    sql.select(
        statement.sql(),
        binds -> binds.setStr(0, host),
        (record, metadata) -> {
          Map<String, String> tags = new HashMap<>();
          tags.put(Point.HOST_TAG, SqlRunner.symbol(record, 1));
          for (int t = 0; t < schema.tags().size(); t++) {
            String value = SqlRunner.symbol(record, 2 + t);
            if (value != null) {
              tags.put(schema.tags().get(t), value);
            }
          }
          Map<String, Double> fields = new HashMap<>();
          int first = 2 + schema.tags().size();
          for (int f = 0; f < statement.fields().size(); f++) {
            double value = SqlRunner.number(record, metadata, first + f);
            if (!Double.isNaN(value)) {
              fields.put(statement.fields().get(f), value);
            }
          }
          if (!fields.isEmpty()) {
            long millis = Math.floorDiv(record.getTimestamp(0), 1000L);
            result.add(new Point(measurement, tags, fields, millis));
          }
        });
    return result;
  }

  @Override
  public List<TopEntry> top(TopQuery query) {
    requireOpen();
    QuerySql.Statement statement = QuerySql.top(schemaOf(query.measurement()), query);
    List<TopEntry> result = new ArrayList<>();
    sql.select(
        statement.sql(),
        binds -> bindWindow(binds, query.from(), query.to(), statement.tagValues()),
        (record, metadata) ->
            result.add(
                new TopEntry(SqlRunner.symbol(record, 0), SqlRunner.number(record, metadata, 1))));
    return result;
  }

  @Override
  public AggregateSeries aggregate(AggregateQuery query) {
    requireOpen();
    TableSchema schema = schemas.get(query.measurement());
    QuerySql.Statement statement = schema == null ? null : QuerySql.aggregate(schema, query);
    if (statement == null) {
      return AggregateSeries.empty();
    }
    long first = query.firstBucketMillis();
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    sql.select(
        statement.sql(),
        binds -> bindWindow(binds, Instant.ofEpochMilli(first), query.to(), statement.tagValues()),
        (record, metadata) -> {
          times.add(Math.floorDiv(record.getTimestamp(0), 1000L));
          values.add(SqlRunner.number(record, metadata, 1));
        });
    long[] timestamps = new long[times.size()];
    double[] folded = new double[times.size()];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = times.get(i);
      folded[i] = values.get(i);
    }
    return new AggregateSeries(timestamps, folded);
  }

  @Override
  public List<GroupRow> group(GroupQuery query) {
    requireOpen();
    TableSchema schema = schemas.get(query.measurement());
    QuerySql.Statement statement = schema == null ? null : QuerySql.group(schema, query);
    if (statement == null) {
      return List.of();
    }
    List<GroupRow> result = new ArrayList<>();
    int fields = statement.fields().size();
    sql.select(
        statement.sql(),
        binds -> bindWindow(binds, query.from(), query.to(), statement.tagValues()),
        (record, metadata) -> {
          Map<String, Double> sums = new LinkedHashMap<>();
          query.sumFields().forEach(field -> sums.put(field, 0.0));
          for (int f = 0; f < fields; f++) {
            double value = SqlRunner.number(record, metadata, 1 + f);
            sums.put(statement.fields().get(f), Double.isNaN(value) ? 0.0 : value);
          }
          result.add(
              new GroupRow(
                  SqlRunner.symbol(record, 0),
                  sums,
                  record.getLong(1 + fields),
                  Math.floorDiv(record.getTimestamp(2 + fields), 1000L),
                  Math.floorDiv(record.getTimestamp(3 + fields), 1000L)));
        });
    return result;
  }

  @Override
  public List<String> measurements() {
    requireOpen();
    return schemas.keySet().stream().sorted().toList();
  }

  @Override
  public long diskUsageBytes() {
    requireOpen();
    return disk.total();
  }

  @Override
  public List<MeasurementDiskUsage> diskUsageByMeasurement() {
    requireOpen();
    return disk.byMeasurement(measurements());
  }

  /**
   * Queues the conversion to Parquet of every native raw partition that starts before {@code
   * before} (a UTC day boundary) and returns how many were queued; they are converted when the WAL
   * applies the statement ({@link #awaitApplied} waits for it). What the background conversion
   * does, for benchmarks and tests.
   */
  public int convertToParquet(Instant before) {
    requireOpen();
    return parquet.convertOlderThan(before);
  }

  /**
   * Waits until the engine has applied every committed WAL transaction to its table, i.e. until
   * everything written so far is visible to raw queries. For benchmarks, shutdown and tests; the
   * ingest path never needs it.
   */
  public void awaitApplied(Duration timeout) {
    requireOpen();
    for (String table : schemas.keySet()) {
      engine.awaitTable(table, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Closes the WAL writers, then stops the engine and its worker threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    parquet.close();
    appenders.values().forEach(TableAppender::close);
    appenders.clear();
    sql.close();
    server.close();
    LOG.info("QuestDB store at {} closed", settings.dataDir());
  }

  private static long usableSpace(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      LOG.warn("cannot read the free space of {}: {}", dir, e.toString());
      return 0;
    }
  }

  /** For tests in this package: direct SQL against the engine. */
  SqlRunner sqlRunner() {
    return sql;
  }

  /** For tests in this package: TTL changes a measurement would still need. */
  List<Retention.Change> retentionChanges(String measurement) {
    return new Retention(engine, settings).changesFor(measurement);
  }

  static void bindWindow(
      io.questdb.cairo.sql.BindVariableService binds,
      Instant from,
      Instant to,
      List<String> tagValues)
      throws io.questdb.griffin.SqlException {
    binds.setTimestamp(0, micros(from));
    binds.setTimestamp(1, micros(to));
    for (int i = 0; i < tagValues.size(); i++) {
      binds.setStr(2 + i, tagValues.get(i));
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private TableSchema schemaOf(String measurement) {
    TableSchema schema = schemas.get(Names.requireIdentifier("measurement", measurement));
    if (schema == null) {
      throw new InvalidInputException("unknown measurement " + measurement);
    }
    return schema;
  }

  private TableSchema wantedSchema(String table, List<Point> points) {
    TableSchema current = schemas.get(table);
    if (current != null) {
      boolean covered = true;
      for (int i = 0; i < points.size() && covered; i++) {
        covered = current.covers(points.get(i));
      }
      if (covered) {
        return current;
      }
    }
    return (current == null ? TableSchema.empty(table) : current).extendedBy(points);
  }

  /** The table's appender at the wanted schema, running DDL first when the schema grows. */
  private TableAppender appenderFor(String table, TableSchema wanted) {
    TableAppender appender = appenders.get(table);
    if (appender != null && appender.schema() == wanted) {
      return appender;
    }
    TableSchema current = schemas.get(table);
    if (current != wanted) {
      if (appender != null) {
        appenders.remove(table).close();
      }
      evolve(current, wanted);
    }
    TableAppender fresh = new TableAppender(engine, engine.verifyTableName(table), wanted);
    appenders.put(table, fresh);
    return fresh;
  }

  private void evolve(TableSchema current, TableSchema wanted) {
    String table = wanted.measurement();
    if (current == null) {
      LOG.info("creating measurement table {} {} {}", table, wanted.tags(), wanted.fields());
      sql.execute(SchemaSql.createTable(wanted, settings.rawRetentionDays()));
    } else {
      LOG.info(
          "measurement {} grows from {} {} to {} {}; its rollups are rebuilt from raw data",
          table,
          current.tags(),
          current.fields().keySet(),
          wanted.tags(),
          wanted.fields().keySet());
      parquet.withoutParquet(
          table, () -> SchemaSql.addColumns(current, wanted).forEach(sql::execute));
      // View DDL compiles against the applied table metadata, which follows the WAL.
      engine.awaitTable(table, DDL_APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      sql.execute(SchemaSql.dropView(table, Resolution.MINUTE));
      sql.execute(SchemaSql.dropView(table, Resolution.HOUR));
    }
    sql.execute(
        SchemaSql.createView(
            wanted,
            Resolution.MINUTE,
            settings.minuteRollupRetentionDays(),
            settings.rollupRefreshInterval()));
    sql.execute(
        SchemaSql.createView(
            wanted,
            Resolution.HOUR,
            settings.hourRollupRetentionWeeks(),
            settings.rollupRefreshInterval()));
    schemas.put(table, wanted);
  }

  private void discard(TableAppender appender) {
    try {
      appender.rollback();
    } catch (RuntimeException e) {
      LOG.warn("rollback of {} failed", appender.schema().measurement(), e);
    }
    if (appender.isDistressed()) {
      appenders.remove(appender.schema().measurement());
      appender.close();
    }
  }

  /**
   * QuestDB suspends a WAL table whose changes it could not apply (e.g. the disk was full); its
   * acknowledged rows wait in the WAL. Resuming applies them once the cause is gone.
   */
  @Override
  public int resumeSuspended() {
    requireOpen();
    ObjHashSet<TableToken> tokens = new ObjHashSet<>();
    engine.getTableTokens(tokens, false);
    int resumed = 0;
    for (int i = 0; i < tokens.size(); i++) {
      TableToken token = tokens.get(i);
      if (token.isWal() && engine.getTableSequencerAPI().isSuspended(token)) {
        sql.execute("ALTER TABLE '" + token.getTableName().replace("'", "''") + "' RESUME WAL");
        resumed++;
      }
    }
    return resumed;
  }

  private void loadSchemas() {
    ObjHashSet<TableToken> tokens = new ObjHashSet<>();
    engine.getTableTokens(tokens, false);
    for (int i = 0; i < tokens.size(); i++) {
      TableToken token = tokens.get(i);
      String name = token.getTableName();
      if (token.isMatView()
          || token.isView()
          || token.isSystem()
          || !Names.IDENTIFIER.matcher(name).matches()) {
        continue;
      }
      TableSchema schema = readSchema(token);
      if (schema != null) {
        repairViews(schema);
        new Retention(engine, settings).apply(name, sql);
        schemas.put(name, schema);
      }
    }
  }

  /** The schema of an existing table (as committed to its WAL); null when not a Vigil table. */
  private TableSchema readSchema(TableToken token) {
    List<String> tags = new ArrayList<>();
    Map<String, FieldType> fields = new LinkedHashMap<>();
    try (TableRecordMetadata metadata = engine.getSequencerMetadata(token)) {
      int timestamp = metadata.getTimestampIndex();
      if (timestamp < 0
          || !metadata.getColumnName(timestamp).equals("ts")
          || metadata.getColumnIndexQuiet(Point.HOST_TAG) < 0) {
        LOG.warn("table {} is not a Vigil measurement table (needs ts and host); ignored", token);
        return null;
      }
      for (int c = 0; c < metadata.getColumnCount(); c++) {
        String column = metadata.getColumnName(c);
        short type = ColumnType.tagOf(metadata.getColumnType(c));
        if (metadata.getColumnType(c) < 0 || c == timestamp || column.equals(Point.HOST_TAG)) {
          continue; // negative type: a dropped column
        }
        if (type == ColumnType.SYMBOL) {
          tags.add(column);
        } else if (type == ColumnType.FLOAT) {
          fields.put(column, FieldType.FLOAT);
        } else if (type == ColumnType.DOUBLE) {
          fields.put(column, FieldType.DOUBLE);
        }
      }
    }
    return new TableSchema(token.getTableName(), tags, fields);
  }

  /** Recreates rollup views that are missing or lack a field, e.g. after a crash mid-evolution. */
  private void repairViews(TableSchema schema) {
    for (Resolution resolution : List.of(Resolution.MINUTE, Resolution.HOUR)) {
      TableToken view =
          engine.getTableTokenIfExists(SchemaSql.viewName(schema.measurement(), resolution));
      boolean complete = view != null;
      if (view != null) {
        try (TableRecordMetadata metadata = engine.getSequencerMetadata(view)) {
          for (String field : schema.fields().keySet()) {
            complete &=
                metadata.getColumnIndexQuiet(SchemaSql.aggregateColumn(field, "count")) >= 0;
          }
        }
      }
      if (!complete) {
        LOG.warn(
            "rollup view {} of {} is missing or incomplete; recreating it",
            resolution,
            schema.measurement());
        engine.awaitTable(
            schema.measurement(), DDL_APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        sql.execute(SchemaSql.dropView(schema.measurement(), resolution));
        long ttl =
            resolution == Resolution.MINUTE
                ? settings.minuteRollupRetentionDays()
                : settings.hourRollupRetentionWeeks();
        sql.execute(
            SchemaSql.createView(schema, resolution, ttl, settings.rollupRefreshInterval()));
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("metric store is closed");
    }
  }
}
