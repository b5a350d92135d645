package io.vigil.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The server's data directory ({@code vigil.data-dir}): config DB, metrics store, secrets. */
@Component
public class DataDirectory {

  private final Path root;

  DataDirectory(@Value("${vigil.data-dir}") String root) {
    this.root = Path.of(root).toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + this.root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path resolve(String child) {
    return root.resolve(child);
  }
}
