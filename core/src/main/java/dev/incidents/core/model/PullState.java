package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The incremental state of one pulled source and scope ({@code pull_state} table). The watermark is
 * the start of the last run whose ingest committed: everything created or updated before it is in
 * the lake. {@code pendingIds} are records that were not final then and are fetched again by id.
 */
public record PullState(
    String source,
    String scope,
    Instant watermark,
    String lastRunId,
    Instant lastRunAt,
    long records,
    List<String> pendingIds) {
  public PullState {
    requireNonNull(source, "source is null");
    requireNonNull(scope, "scope is null");
    requireNonNull(watermark, "watermark is null");
    requireNonNull(lastRunId, "lastRunId is null");
    requireNonNull(lastRunAt, "lastRunAt is null");
    pendingIds = List.copyOf(requireNonNull(pendingIds, "pendingIds is null"));
    if (source.isBlank() || scope.isBlank()) {
      throw new IllegalArgumentException("Invalid pull state: blank source or scope");
    }
    if (records < 0) {
      throw new IllegalArgumentException(
          "Invalid pull state " + source + "/" + scope + ": negative records " + records);
    }
    if (lastRunAt.isBefore(watermark)) {
      throw new IllegalArgumentException(
          "Invalid pull state " + source + "/" + scope + ": last run before its watermark");
    }
  }
}
