package dev.incidents.ingest;

import dev.incidents.lake.CommitResult;
import java.util.List;
import java.util.Map;

/**
 * What a run did: per source (files, records read, written, duplicates, quarantined, redactions,
 * throughput), per table (what the commit did), the files skipped as not recognised, and the total
 * of quarantined records (exit code 3 when any).
 */
public record IngestSummary(
    String runId,
    Map<String, SourceStats> sources,
    Map<String, CommitResult> tables,
    Map<String, Long> redactions,
    List<String> skipped,
    long quarantined,
    double seconds) {
  public long bytes() {
    return sources.values().stream().mapToLong(SourceStats::bytes).sum();
  }
}
