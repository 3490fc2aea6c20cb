package dev.incidents.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Each vendor's own timestamp style, as the real exports show them. */
final class Formats {
  private Formats() {}

  private static final DateTimeFormatter SECONDS_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter JIRA =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final DateTimeFormatter JIRA_CSV =
      DateTimeFormatter.ofPattern("dd/MMM/yy h:mm a", java.util.Locale.ENGLISH);

  /** incident.io: UTC, milliseconds with trailing zeros dropped ({@code 09:27:22.72Z}). */
  static String incidentIo(Instant instant) {
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    String text = millis.toString();
    if (millis.getNano() == 0) {
      return text;
    }
    String base = text.substring(0, text.indexOf('.'));
    String fraction = String.format("%03d", millis.getNano() / 1_000_000).replaceAll("0+$", "");
    return base + "." + fraction + "Z";
  }

  /** PagerDuty REST: whole seconds, in the requested time zone ({@code Z} or {@code -05:00}). */
  static String pagerDuty(Instant instant, ZoneId zone) {
    OffsetDateTime time = instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime();
    return zone.equals(ZoneOffset.UTC)
        ? instant.truncatedTo(ChronoUnit.SECONDS).toString()
        : SECONDS_OFFSET.format(time);
  }

  /** Go's RFC3339Nano, as Alertmanager writes it: trailing fractional zeros dropped. */
  static String rfc3339Nano(Instant instant) {
    String text = instant.toString();
    if (!text.contains(".")) {
      return text;
    }
    String base = text.substring(0, text.indexOf('.'));
    String fraction =
        text.substring(text.indexOf('.') + 1, text.length() - 1).replaceAll("0+$", "");
    return fraction.isEmpty() ? base + "Z" : base + "." + fraction + "Z";
  }

  /** Slack's ts: epoch seconds, a dot, six digits of microseconds. */
  static String slackTs(Instant instant) {
    return instant.getEpochSecond() + "." + String.format("%06d", instant.getNano() / 1_000);
  }

  /** Jira REST: milliseconds and an offset without a colon ({@code -0800}). */
  static String jira(Instant instant, ZoneId zone) {
    return JIRA.format(instant.truncatedTo(ChronoUnit.MILLIS).atZone(zone));
  }

  /** Jira CSV in a {@code dd/MMM/yy h:mm a} profile locale. */
  static String jiraCsv(Instant instant, ZoneId zone) {
    return JIRA_CSV.format(instant.atZone(zone));
  }

  /** Statuspage: milliseconds, {@code Z}. */
  static String statuspage(Instant instant) {
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
        .format(millis.atOffset(ZoneOffset.UTC));
  }

  static String date(LocalDate date) {
    return date.toString();
  }
}
