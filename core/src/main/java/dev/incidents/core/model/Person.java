package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Optional;

/** A person known to any tool ({@code people} table); matched across tools by email, then name. */
public record Person(
    String personId,
    String name,
    Optional<String> email,
    Optional<ZoneId> timezone,
    Optional<String> team) {
  public Person {
    Ids.requireValid(personId, "personId");
    requireNonNull(name, "name is null");
    requireNonNull(email, "email is null");
    requireNonNull(timezone, "timezone is null");
    requireNonNull(team, "team is null");
  }
}
