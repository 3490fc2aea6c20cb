package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The flags of one pull: an explicit window start and end, {@code --full} (ignore the watermark)
 * and {@code --dry-run} (print what would be fetched, fetch nothing).
 */
public record PullOptions(
    Optional<Instant> since, Optional<Instant> until, boolean full, boolean dryRun) {
  public PullOptions {
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
  }
}
