package dev.incidents.ingest;

import dev.incidents.lake.CommitResult;
import java.util.List;
import java.util.Map;

/**
 * What a run did: per source (files, records read, written, duplicates, quarantined, redactions,
 * throughput), per table (what the commit did), the files skipped as known non-exports (the
 * generator's {@code truth.json}), the files of no known format found inside folders (each also a
 * quarantined {@code UNKNOWN_FORMAT} record of source {@code unknown}), and the total of
 * quarantined records (exit code 3 when any).
 */
public record IngestSummary(
    String runId,
    Map<String, SourceStats> sources,
    Map<String, CommitResult> tables,
    Map<String, Long> redactions,
    List<String> skipped,
    List<String> unknown,
    long quarantined,
    double seconds) {
  public long bytes() {
    return sources.values().stream().mapToLong(SourceStats::bytes).sum();
  }
}
