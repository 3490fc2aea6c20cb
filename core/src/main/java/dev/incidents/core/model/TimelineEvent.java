package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an incident's timeline ({@code timeline_events} table).
 *
 * @param originId the id of the alert, message, log entry or update the event came from
 */
public record TimelineEvent(
    String eventId,
    Optional<String> incidentId,
    Instant occurredAt,
    EventKind kind,
    Optional<String> actor,
    Optional<String> text,
    String source,
    Optional<String> originId,
    Map<String, String> attributes) {
  public TimelineEvent {
    Ids.requireValid(eventId, "eventId");
    requireNonNull(incidentId, "incidentId is null");
    requireNonNull(occurredAt, "occurredAt is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(text, "text is null");
    requireNonNull(source, "source is null");
    requireNonNull(originId, "originId is null");
    attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
  }
}
