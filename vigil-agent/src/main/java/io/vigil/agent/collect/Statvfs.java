package io.vigil.agent.collect;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * statvfs(3) through a JNA direct mapping into a reused byte buffer, for 64-bit Linux (glibc and
 * musl share the layout there: eleven 8-byte words, then six ints). OSHI's own call goes through a
 * JNA Structure, which is reflective and slow in the interpreter the agent runs in.
 */
final class Statvfs {

  /** f_blocks .. f_ffree of struct statvfs on LP64 Linux. */
  private static final int F_FRSIZE = 8;

  private static final int F_BLOCKS = 16;
  private static final int F_BFREE = 24;
  private static final int F_BAVAIL = 32;
  private static final int F_FILES = 40;
  private static final int F_FFREE = 48;
  private static final int SIZE = 112;

  private static final class LibC {
    static {
      Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static native int statvfs(String path, byte[] buffer) throws LastErrorException;
  }

  private final byte[] buffer = new byte[SIZE + 16];
  private final ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());

  static boolean supported() {
    return Platform.isLinux() && Platform.is64Bit();
  }

  /**
   * The same five figures OSHI's LinuxFileSystem reads: {inodes, free inodes, total bytes, bytes
   * available to unprivileged users, free bytes}; null when the call failed (path gone, EACCES).
   */
  long[] query(String path) {
    try {
      LibC.statvfs(path, buffer);
    } catch (LastErrorException | LinkageError e) {
      return null;
    }
    return decode(view);
  }

  static long[] decode(ByteBuffer b) {
    long frsize = b.getLong(F_FRSIZE);
    return new long[] {
      b.getLong(F_FILES),
      b.getLong(F_FFREE),
      b.getLong(F_BLOCKS) * frsize,
      b.getLong(F_BAVAIL) * frsize,
      b.getLong(F_BFREE) * frsize
    };
  }
}
