package dev.incidents.ingest;

/**
 * Counters of one source in one run. Every record read is exactly one of written, duplicates,
 * quarantined or ignored: {@code read == written + duplicates + quarantined + ignored}.
 */
public final class SourceStats {
  long files;
  long bytes;
  long read;
  long written;
  long duplicates;
  long quarantined;
  long quarantineRows;
  long ignored;
  long redactions;
  long nanos;
  final java.util.Map<String, Long> ignoredPaths = new java.util.TreeMap<>();
  final java.util.Map<String, Long> observations = new java.util.TreeMap<>();

  /** Adds another's counts (one input's, or one parser thread's) to these. */
  synchronized void add(SourceStats other) {
    files += other.files;
    bytes += other.bytes;
    read += other.read;
    written += other.written;
    duplicates += other.duplicates;
    quarantined += other.quarantined;
    quarantineRows += other.quarantineRows;
    ignored += other.ignored;
    redactions += other.redactions;
    nanos += other.nanos;
    other.ignoredPaths.forEach((path, count) -> ignoredPaths.merge(path, count, Long::sum));
    other.observations.forEach((text, count) -> observations.merge(text, count, Long::sum));
  }

  public long files() {
    return files;
  }

  public long bytes() {
    return bytes;
  }

  public long read() {
    return read;
  }

  public long written() {
    return written;
  }

  public long duplicates() {
    return duplicates;
  }

  public long quarantined() {
    return quarantined;
  }

  /** Rows this source added to {@code quarantine} (a record may have several). */
  public long quarantineRows() {
    return quarantineRows;
  }

  /** Records recognised and read that carried nothing to store. */
  public long ignored() {
    return ignored;
  }

  /** The ignored records by JSON path (array indexes as {@code *}), in path order. */
  public java.util.Map<String, Long> ignoredPaths() {
    return java.util.Collections.unmodifiableMap(ignoredPaths);
  }

  /** Cases the summary shows although no record was lost, with their counts, in order. */
  public java.util.Map<String, Long> observations() {
    return java.util.Collections.unmodifiableMap(observations);
  }

  public long redactions() {
    return redactions;
  }

  public double seconds() {
    return nanos / 1e9;
  }

  public double megabytesPerSecond() {
    return nanos == 0 ? 0 : bytes / 1e6 / seconds();
  }
}
