package io.vigil.storage.questdb;

import io.questdb.log.LogFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points QuestDB's logging at SLF4J. QuestDB reads {@code <root>/conf/log.conf} when its log
 * factory first initialises (unless the {@code -Dout=...} system property names another file), and
 * otherwise logs every INFO line to stdout. The factory is a JVM-wide singleton configured once, so
 * this must run before any QuestDB class logs; the first store opened in a JVM decides.
 */
final class QuestDbLogConfig {

  static final String LOG_CONF =
      """
      # Written by Vigil on every start: QuestDB's log goes to SLF4J (logger io.questdb).
      writers=slf4j
      w.slf4j.class=%s
      w.slf4j.level=INFO
      """
          .formatted(QuestDbSlf4jLogWriter.class.getName());

  private QuestDbLogConfig() {}

  static void install(Path root) {
    try {
      Path conf = Files.createDirectories(root.resolve("conf"));
      Files.writeString(
          conf.resolve(LogFactory.DEFAULT_CONFIG_NAME), LOG_CONF, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write QuestDB log configuration under " + root, e);
    }
    LogFactory.configureRootDir(root.toString());
  }
}
