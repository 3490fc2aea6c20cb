package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** An entry of the optional service catalog ({@code services} table). */
public record Service(
    String service,
    Optional<String> team,
    Optional<String> tier,
    Optional<String> runbookUrl,
    Optional<String> owner) {
  public Service {
    requireNonNull(service, "service is null");
    if (service.isBlank()) {
      throw new IllegalArgumentException("Invalid service: blank name");
    }
    requireNonNull(team, "team is null");
    requireNonNull(tier, "tier is null");
    requireNonNull(runbookUrl, "runbookUrl is null");
    requireNonNull(owner, "owner is null");
  }
}
