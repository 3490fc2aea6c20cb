package dev.incidents.ingest.input;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;

/**
 * One logical input file: a plain file, or an entry of a zip archive read through the archive's
 * safety limits.
 *
 * @param name the path shown to users and stored as {@code source_file}
 * @param size uncompressed size when known (for throughput), else -1
 */
public record Input(String name, long size, Opener opener) {
  public Input {
    requireNonNull(name, "name is null");
    requireNonNull(opener, "opener is null");
  }

  public InputStream open() throws IOException {
    return opener.open();
  }

  /** Opens the bytes of an input, each call a fresh stream. */
  public interface Opener {
    InputStream open() throws IOException;
  }

  /** The file name without folders, lower case. */
  public String baseName() {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
