package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The half-open time range {@code [since, until)} a run asks each API for. */
public record Window(Instant since, Instant until) {
  public Window {
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
    if (!since.isBefore(until)) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Invalid window: since " + since + " is not before until " + until);
    }
  }
}
