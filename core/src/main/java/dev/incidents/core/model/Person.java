package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A person as one tool knows them ({@code people} table). The id is the tool's own ({@code
 * slack:user:U1}, {@code pagerduty:user:P1}); the one canonical person per human is derived in the
 * transform ({@code person_identities}): by email, then by ids the tools cross-reference
 * (incident.io's {@code slack_user_id}), then by name.
 */
public record Person(
    String personId,
    String source,
    String name,
    Optional<String> email,
    Optional<ZoneId> timezone,
    Optional<String> team,
    Optional<String> handle,
    Optional<String> slackUserId) {
  public Person {
    Ids.requireValid(personId, "personId");
    requireNonNull(source, "source is null");
    requireNonNull(name, "name is null");
    requireNonNull(email, "email is null");
    requireNonNull(timezone, "timezone is null");
    requireNonNull(team, "team is null");
    requireNonNull(handle, "handle is null");
    requireNonNull(slackUserId, "slackUserId is null");
  }

  /** A person known by id, name and perhaps email only, as most incident tools give them. */
  public static Person of(String source, String externalId, String name, Optional<String> email) {
    return new Person(
        Ids.of(source, "user", externalId),
        source,
        name,
        email,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
