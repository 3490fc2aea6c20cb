package dev.incidents.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What a generation wrote: files and bytes per tool, and record counts. */
public final class GenerationSummary {
  private final Map<String, long[]> files = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();

  synchronized void file(String tool, Path path) {
    try {
      long[] entry = files.computeIfAbsent(tool, key -> new long[2]);
      entry[0]++;
      entry[1] += Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds {@code count} files of {@code bytes} in all under {@code tool}. */
  synchronized void files(String tool, long count, long bytes) {
    long[] entry = files.computeIfAbsent(tool, key -> new long[2]);
    entry[0] += count;
    entry[1] += bytes;
  }

  synchronized void count(String what, long value) {
    counts.merge(what, value, Long::sum);
  }

  /** Tool → {files, bytes}. */
  public synchronized Map<String, long[]> files() {
    return Map.copyOf(files);
  }

  public synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  public synchronized long totalBytes() {
    return files.values().stream().mapToLong(entry -> entry[1]).sum();
  }
}
