package dev.incidents.generator;

import java.util.List;
import java.util.Locale;

/** The three organisation sizes of {@code incidents generate --org}. */
public enum OrgSize {
  SMALL(50, 5, 3, 10, 1_200, 1_500),
  MEDIUM(200, 12, 12, 25, 8_000, 8_000),
  LARGE(10_000, 120, 12, 834, 416_000, 416_000),
  /** The small organisation with ten times its alert and chat volume (bench only). */
  SMALL_10X(50, 5, 3, 10, 12_000, 15_000),
  /** The medium organisation with ten times its alert and chat volume (bench only). */
  MEDIUM_10X(200, 12, 12, 25, 80_000, 80_000);

  /** People in the organisation. */
  final int people;

  final int teams;
  final int defaultMonths;
  final int incidentsPerMonth;

  /** Alert firings per month, incident-linked and noise together (approximate). */
  final int alertsPerMonth;

  /** Chat messages per month across all channels (approximate). */
  final int messagesPerMonth;

  OrgSize(
      int people,
      int teams,
      int defaultMonths,
      int incidentsPerMonth,
      int alertsPerMonth,
      int messagesPerMonth) {
    this.people = people;
    this.teams = teams;
    this.defaultMonths = defaultMonths;
    this.incidentsPerMonth = incidentsPerMonth;
    this.alertsPerMonth = alertsPerMonth;
    this.messagesPerMonth = messagesPerMonth;
  }

  public int defaultMonths() {
    return defaultMonths;
  }

  /**
   * The same organisation with ten times the alert and chat volume, for measuring how memory grows
   * with volume; empty for the large one.
   */
  public java.util.Optional<OrgSize> tenfold() {
    return switch (this) {
      case SMALL -> java.util.Optional.of(SMALL_10X);
      case MEDIUM -> java.util.Optional.of(MEDIUM_10X);
      default -> java.util.Optional.empty();
    };
  }

  /** Parses one of the public sizes: small, medium or large. */
  public static OrgSize parse(String value) {
    for (OrgSize size : List.of(SMALL, MEDIUM, LARGE)) {
      if (size.name().equalsIgnoreCase(value)) {
        return size;
      }
    }
    throw new IllegalArgumentException(
        "Invalid org size: '" + value + "' (expected small, medium or large)");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
