package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One follow-up of an incident ({@code action_items} table). */
public record ActionItem(
    String actionItemId,
    Optional<String> incidentId,
    String title,
    Optional<String> owner,
    Optional<LocalDate> dueDate,
    ActionItemStatus status,
    Optional<String> originalStatus,
    Instant createdAt,
    Optional<Instant> completedAt,
    Optional<String> trackerKey,
    Optional<String> trackerUrl,
    Optional<String> priority,
    String source) {
  public ActionItem {
    Ids.requireValid(actionItemId, "actionItemId");
    requireNonNull(incidentId, "incidentId is null");
    requireNonNull(title, "title is null");
    requireNonNull(owner, "owner is null");
    requireNonNull(dueDate, "dueDate is null");
    requireNonNull(status, "status is null");
    requireNonNull(originalStatus, "originalStatus is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(completedAt, "completedAt is null");
    requireNonNull(trackerKey, "trackerKey is null");
    requireNonNull(trackerUrl, "trackerUrl is null");
    requireNonNull(priority, "priority is null");
    requireNonNull(source, "source is null");
  }
}
