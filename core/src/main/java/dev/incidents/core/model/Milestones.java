package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The explicit milestones an incident tool records as fields. Derived milestones (fallbacks) are
 * computed by the transform, never stored here.
 */
public record Milestones(
    Optional<Instant> impactStartedAt,
    Optional<Instant> detectedAt,
    Instant reportedAt,
    Optional<Instant> identifiedAt,
    Optional<Instant> mitigatedAt,
    Optional<Instant> resolvedAt,
    Optional<Instant> closedAt,
    Optional<Instant> postmortemPublishedAt) {
  public Milestones {
    requireNonNull(impactStartedAt, "impactStartedAt is null");
    requireNonNull(detectedAt, "detectedAt is null");
    requireNonNull(reportedAt, "reportedAt is null");
    requireNonNull(identifiedAt, "identifiedAt is null");
    requireNonNull(mitigatedAt, "mitigatedAt is null");
    requireNonNull(resolvedAt, "resolvedAt is null");
    requireNonNull(closedAt, "closedAt is null");
    requireNonNull(postmortemPublishedAt, "postmortemPublishedAt is null");
  }

  /** Only the required milestone; every other one absent. */
  public static Milestones reportedOnly(Instant reportedAt) {
    return new Milestones(
        Optional.empty(),
        Optional.empty(),
        reportedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
