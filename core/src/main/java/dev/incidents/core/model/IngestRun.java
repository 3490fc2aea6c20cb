package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The summary of one ingest run for one source ({@code ingest_runs} table). */
public record IngestRun(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String source,
    long files,
    long recordsRead,
    long recordsWritten,
    long duplicates,
    long quarantined) {
  public IngestRun {
    requireNonNull(runId, "runId is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(source, "source is null");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("Invalid ingest run " + runId + ": finished before start");
    }
  }
}
