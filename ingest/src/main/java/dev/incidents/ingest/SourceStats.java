package dev.incidents.ingest;

/** Counters of one source in one run. */
public final class SourceStats {
  long files;
  long bytes;
  long read;
  long written;
  long duplicates;
  long quarantined;
  long redactions;
  long nanos;

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
