package dev.incidents.pull;

import dev.incidents.ingest.IngestSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one pull run: per source its counters and raw folder or its failure, the lines to
 * show, and the ingest summary of the folders that were fetched completely.
 */
public record PullSummary(
    String runId,
    Map<PullSource, PullCounters> counters,
    Map<PullSource, PullException> failures,
    List<String> lines,
    Optional<IngestSummary> ingest) {
  public PullSummary {
    counters = Map.copyOf(counters);
    failures = Map.copyOf(failures);
    lines = List.copyOf(lines);
  }
}
