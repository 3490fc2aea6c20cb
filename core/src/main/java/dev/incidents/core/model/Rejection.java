package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A record that could not be ingested ({@code quarantine} table).
 *
 * @param position a line number or a JSON pointer such as {@code /incidents/3}
 * @param raw the offending input, truncated to {@link #MAX_RAW_CHARACTERS}
 */
public record Rejection(
    String source,
    String sourceFile,
    String position,
    IngestErrorCode errorCode,
    String message,
    String raw,
    Instant ingestedAt) {
  public static final int MAX_RAW_CHARACTERS = 2_000;

  public Rejection {
    requireNonNull(source, "source is null");
    requireNonNull(sourceFile, "sourceFile is null");
    requireNonNull(position, "position is null");
    requireNonNull(errorCode, "errorCode is null");
    requireNonNull(message, "message is null");
    requireNonNull(raw, "raw is null");
    requireNonNull(ingestedAt, "ingestedAt is null");
    if (raw.length() > MAX_RAW_CHARACTERS) {
      raw = raw.substring(0, MAX_RAW_CHARACTERS) + "…";
    }
  }
}
