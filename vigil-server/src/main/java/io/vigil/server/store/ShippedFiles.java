package io.vigil.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads what Vigil ships as YAML on the class path (templates, alert rules): every file of a
 * pattern, in file-name order, parsed safely (plain maps, lists and scalars only). A file that does
 * not parse stops the start with its name in the message.
 */
public final class ShippedFiles {

  private ShippedFiles() {}

  /**
   * @param pattern e.g. {@code classpath*:catalog/rules/*.yml}
   * @param what what the files hold, for messages (e.g. {@code shipped rules})
   * @param parse turns one file's YAML value into its entries
   */
  public static <T> List<T> load(String pattern, String what, Function<Object, List<T>> parse) {
    List<T> all = new ArrayList<>();
    try {
      List<Resource> files =
          new ArrayList<>(List.of(new PathMatchingResourcePatternResolver().getResources(pattern)));
      files.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          all.addAll(parse.apply(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              what + " " + file.getFilename() + ": invalid: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + "s", e);
    }
    return all;
  }
}
