package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

/**
 * Deterministic identifiers of the form {@code <source>:<entity>:<key>}.
 *
 * <p>The same vendor record always yields the same id, so re-ingesting an export replaces rows
 * instead of duplicating them. Vendor keys stay strings: some overflow {@code long}.
 */
public final class Ids {
  private Ids() {}

  public static String of(String source, String entity, String key) {
    requireNonNull(source, "source is null");
    requireNonNull(entity, "entity is null");
    requireNonNull(key, "key is null");
    if (source.isBlank() || source.contains(":")) {
      throw new IllegalArgumentException("Invalid id source: '" + source + "'");
    }
    if (entity.isBlank() || entity.contains(":")) {
      throw new IllegalArgumentException("Invalid id entity: '" + entity + "'");
    }
    if (key.isBlank()) {
      throw new IllegalArgumentException("Invalid id key: blank key for " + source + ":" + entity);
    }
    return source + ":" + entity + ":" + key;
  }

  /** Checks the shape of an id made by {@link #of}. */
  public static String requireValid(String id, String what) {
    requireNonNull(id, what + " is null");
    int first = id.indexOf(':');
    int second = first < 0 ? -1 : id.indexOf(':', first + 1);
    if (first <= 0 || second <= first + 1 || second == id.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid " + what + ": '" + id + "' is not of the form <source>:<entity>:<key>");
    }
    return id;
  }
}
