package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One incident as the incident tool recorded it ({@code incidents} table).
 *
 * @param reference the human reference, such as {@code INC-123}
 * @param originalSeverity the vendor's severity value, kept beside the canonical one
 * @param originalStatus the vendor's status value, kept beside the canonical one
 */
public record Incident(
    String incidentId,
    String source,
    String externalId,
    Optional<String> reference,
    Optional<Long> incidentNumber,
    String title,
    Optional<String> summary,
    Severity severity,
    Optional<String> originalSeverity,
    Optional<String> incidentType,
    IncidentMode mode,
    IncidentStatus status,
    Optional<String> originalStatus,
    List<String> services,
    List<String> teams,
    Optional<String> chatChannelId,
    Optional<String> chatChannelName,
    Optional<String> postmortemUrl,
    Optional<String> postmortemStatus,
    Milestones milestones,
    String sourceFile) {
  public Incident {
    Ids.requireValid(incidentId, "incidentId");
    requireNonNull(source, "source is null");
    requireNonNull(externalId, "externalId is null");
    requireNonNull(reference, "reference is null");
    requireNonNull(incidentNumber, "incidentNumber is null");
    requireNonNull(title, "title is null");
    requireNonNull(summary, "summary is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(originalSeverity, "originalSeverity is null");
    requireNonNull(incidentType, "incidentType is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(status, "status is null");
    requireNonNull(originalStatus, "originalStatus is null");
    services = List.copyOf(requireNonNull(services, "services is null"));
    teams = List.copyOf(requireNonNull(teams, "teams is null"));
    requireNonNull(chatChannelId, "chatChannelId is null");
    requireNonNull(chatChannelName, "chatChannelName is null");
    requireNonNull(postmortemUrl, "postmortemUrl is null");
    requireNonNull(postmortemStatus, "postmortemStatus is null");
    requireNonNull(milestones, "milestones is null");
    requireNonNull(sourceFile, "sourceFile is null");
    incidentNumber.ifPresent(
        number -> {
          if (number < 0) {
            throw new IllegalArgumentException("Invalid incident number: " + number);
          }
        });
  }
}
