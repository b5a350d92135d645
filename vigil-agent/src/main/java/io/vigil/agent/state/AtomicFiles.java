package io.vigil.agent.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so a reader (or the agent after a crash) sees either the old or the new content,
 * never a torn one: write a temp file in the same directory, force it, rename over the target.
 */
public final class AtomicFiles {

  public static final String TEMP_SUFFIX = ".tmp";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, false);
  }

  /** Like {@link #write} but the file is created readable by its owner only (secrets). */
  public static void writeSecret(Path target, byte[] content) throws IOException {
    write(target, content, true);
  }

  private static void write(Path target, byte[] content, boolean secret) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    Files.deleteIfExists(temp);
    if (secret && posix(target)) {
      // Created with 0600 from the start so the token is never world-readable, not even briefly.
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    try (var channel =
        java.nio.channels.FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      var buffer = java.nio.ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
