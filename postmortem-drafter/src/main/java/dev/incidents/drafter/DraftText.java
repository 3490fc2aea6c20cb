package dev.incidents.drafter;

import dev.incidents.drafter.IncidentTimeline.Milestone;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How times, milestones and their provenance read in a draft. */
final class DraftText {
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private DraftText() {}

  static String time(Instant at) {
    return TIME.format(at.atZone(ZoneOffset.UTC)) + " UTC";
  }

  /** "2026-11-25 14:45:33 UTC", and the local time beside it when the zone is not UTC. */
  static String at(Optional<Instant> instant, ZoneId zone) {
    if (instant.isEmpty()) {
      return "unknown";
    }
    String utc = DATE_TIME.format(instant.get().atZone(ZoneOffset.UTC)) + " UTC";
    if (zone.normalized().equals(ZoneOffset.UTC)) {
      return utc;
    }
    return utc + " (" + TIME.format(instant.get().atZone(zone)) + " " + zone.getId() + ")";
  }

  static String milestoneName(String milestone) {
    return milestone.replace('_', ' ');
  }

  /**
   * How incident_facts obtained a milestone, in its own words ({@code explicit}, {@code
   * fallback:<rule>}, {@code missing}), and whether a phase ending there was imputed.
   */
  static String provenance(Milestone milestone) {
    String source = milestone.source();
    if (milestone.name().equals("mitigated") && source.equals("fallback:resolved")) {
      return source + "; imputed: the cleanup phase counts as 0";
    }
    return source;
  }

  static String cell(String value) {
    return value == null ? "" : value.replace("|", "\\|").replace("\n", " ");
  }

  static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
