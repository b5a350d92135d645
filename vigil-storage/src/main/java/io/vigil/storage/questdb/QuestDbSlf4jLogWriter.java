package io.vigil.storage.questdb;

import io.questdb.log.LogFactory;
import io.questdb.log.LogLevel;
import io.questdb.log.LogRecordUtf8Sink;
import io.questdb.log.LogWriter;
import io.questdb.mp.QueueConsumer;
import io.questdb.mp.RingQueue;
import io.questdb.mp.SCSequence;
import io.questdb.mp.SynchronizedJob;
import java.io.Closeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards QuestDB's own log records to SLF4J logger {@code io.questdb}, so the engine's messages
 * land in Vigil's log instead of on stdout. QuestDB INFO and ADVISORY (chatty: every WAL apply,
 * every partition) become DEBUG, ERROR becomes WARN, CRITICAL becomes ERROR.
 *
 * <p>Public with this constructor because QuestDB's LogFactory instantiates writers named in {@code
 * log.conf} by reflection; see {@link QuestDbLogConfig}.
 */
public final class QuestDbSlf4jLogWriter extends SynchronizedJob implements Closeable, LogWriter {

  private static final Logger LOG = LoggerFactory.getLogger("io.questdb");

  private final RingQueue<LogRecordUtf8Sink> ring;
  private final SCSequence subSeq;
  private final int level;
  private final QueueConsumer<LogRecordUtf8Sink> consumer = this::forward;

  public QuestDbSlf4jLogWriter(RingQueue<LogRecordUtf8Sink> ring, SCSequence subSeq, int level) {
    this.ring = ring;
    this.subSeq = subSeq;
    this.level = level;
  }

  @Override
  public void bindProperties(LogFactory factory) {
    // no properties: SLF4J decides levels and destinations
  }

  @Override
  protected boolean runSerially() {
    return subSeq.consumeAll(ring, consumer);
  }

  @Override
  public void close() {
    // nothing held
  }

  private void forward(LogRecordUtf8Sink sink) {
    int recordLevel = sink.getLevel();
    if ((recordLevel & level) == 0) {
      return;
    }
    if ((recordLevel & LogLevel.CRITICAL) != 0) {
      LOG.error("{}", text(sink));
    } else if ((recordLevel & LogLevel.ERROR) != 0) {
      LOG.warn("{}", text(sink));
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("{}", text(sink));
    }
  }

  private static String text(LogRecordUtf8Sink sink) {
    return sink.toString().strip();
  }
}
