package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert firing ({@code alerts} table): a (source, fingerprint, fired_at). A re-fire after
 * resolve is a new alert; an identical re-delivery is the same alert.
 *
 * @param incidentId the explicit link from the source only; correlation happens in the transform
 */
public record Alert(
    String alertId,
    String source,
    Optional<String> fingerprint,
    Optional<String> rule,
    Optional<String> title,
    Optional<String> service,
    Optional<String> severity,
    Optional<String> status,
    Instant firedAt,
    Optional<Instant> resolvedAt,
    Optional<String> incidentId,
    Map<String, String> labels) {
  public Alert {
    Ids.requireValid(alertId, "alertId");
    requireNonNull(source, "source is null");
    requireNonNull(fingerprint, "fingerprint is null");
    requireNonNull(rule, "rule is null");
    requireNonNull(title, "title is null");
    requireNonNull(service, "service is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(status, "status is null");
    requireNonNull(firedAt, "firedAt is null");
    requireNonNull(resolvedAt, "resolvedAt is null");
    requireNonNull(incidentId, "incidentId is null");
    labels = Map.copyOf(requireNonNull(labels, "labels is null"));
  }
}
