package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One notification sent to a responder ({@code pages} table). */
public record Page(
    String pageId,
    Optional<String> incidentId,
    String responder,
    PageChannel channel,
    Instant pagedAt,
    Optional<Instant> acknowledgedAt,
    Optional<Integer> escalationLevel) {
  public Page {
    Ids.requireValid(pageId, "pageId");
    requireNonNull(incidentId, "incidentId is null");
    requireNonNull(responder, "responder is null");
    requireNonNull(channel, "channel is null");
    requireNonNull(pagedAt, "pagedAt is null");
    requireNonNull(acknowledgedAt, "acknowledgedAt is null");
    requireNonNull(escalationLevel, "escalationLevel is null");
    acknowledgedAt.ifPresent(
        acknowledged -> {
          if (acknowledged.isBefore(pagedAt)) {
            throw new IllegalArgumentException(
                "Invalid page " + pageId + ": acknowledged_at is before paged_at");
          }
        });
  }
}
