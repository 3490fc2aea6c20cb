package dev.incidents.generator;

import java.util.Locale;

/** The three organisation sizes of {@code incidents generate --org}. */
public enum OrgSize {
  SMALL(50, 5, 3, 10, 1_200, 1_500),
  MEDIUM(200, 12, 12, 25, 8_000, 8_000),
  LARGE(10_000, 120, 12, 834, 416_000, 416_000);

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

  public static OrgSize parse(String value) {
    for (OrgSize size : values()) {
      if (size.name().equalsIgnoreCase(value)) {
        return size;
      }
    }
    throw new IllegalArgumentException(
        "Invalid org size: '" + value + "' (expected small, medium or large)");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
