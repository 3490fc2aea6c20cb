package dev.incidents.ingest.json;

import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.RecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Every timestamp style the sources use, each parsed exactly and never through a double. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * ISO offsets with or without a colon ({@code -08:00}, {@code -0800}, {@code Z}), any fraction.
   */
  private static final DateTimeFormatter OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  /** Alertmanager's "not ended" marker. */
  public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  /**
   * Parses an ISO-8601 timestamp. A value with no zone is read in {@code zoneless}, which callers
   * pass only for formats documented to be zone-less (PagerDuty analytics).
   */
  public static Instant iso(String field, String value, ZoneId zoneless) {
    try {
      var parsed = OFFSET.parseBest(value.trim(), OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime offset) {
        return offset.toInstant();
      }
      if (zoneless == null) {
        throw new RecordException(
            IngestErrorCode.BAD_TIMESTAMP,
            "Invalid " + field + ": '" + value + "' has no time zone");
      }
      return ((LocalDateTime) parsed).atZone(zoneless).toInstant();
    } catch (DateTimeParseException e) {
      throw new RecordException(
          IngestErrorCode.BAD_TIMESTAMP,
          "Invalid " + field + ": '" + abbreviate(value) + "' is not an ISO-8601 timestamp");
    }
  }

  public static Instant iso(String field, String value) {
    return iso(field, value, null);
  }

  /**
   * Slack's {@code ts}: epoch seconds, a dot, micro-digits. Split at the dot, never parsed as a
   * double (16 significant digits sit at the edge of double precision).
   */
  public static Instant slackTs(String field, String value) {
    int dot = value.indexOf('.');
    try {
      String seconds = dot < 0 ? value : value.substring(0, dot);
      String fraction = dot < 0 ? "" : value.substring(dot + 1);
      if (seconds.isEmpty()
          || fraction.length() > 9
          || !seconds.chars().allMatch(Character::isDigit)
          || !fraction.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException();
      }
      long nanos =
          fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
      return Instant.ofEpochSecond(Long.parseLong(seconds), nanos);
    } catch (NumberFormatException e) {
      throw new RecordException(
          IngestErrorCode.BAD_TIMESTAMP,
          "Invalid " + field + ": '" + abbreviate(value) + "' is not a Slack ts (seconds.micros)");
    }
  }

  /**
   * Epoch numbers whose unit must be told by magnitude: Opsgenie webhooks carry milliseconds and
   * nanoseconds in the same object.
   */
  public static Instant epochByMagnitude(String field, long value) {
    if (value <= 0) {
      throw new RecordException(
          IngestErrorCode.BAD_TIMESTAMP,
          "Invalid " + field + ": " + value + " is not a positive epoch value");
    }
    if (value < 100_000_000_000L) {
      return Instant.ofEpochSecond(value);
    }
    if (value < 100_000_000_000_000L) {
      return Instant.ofEpochMilli(value);
    }
    if (value < 100_000_000_000_000_000L) {
      return Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1_000);
    }
    return Instant.ofEpochSecond(value / 1_000_000_000, value % 1_000_000_000);
  }

  public static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(
          value.trim().length() > 10 ? value.trim().substring(0, 10) : value.trim());
    } catch (DateTimeParseException e) {
      throw new RecordException(
          IngestErrorCode.BAD_TIMESTAMP,
          "Invalid " + field + ": '" + abbreviate(value) + "' is not a date (YYYY-MM-DD)");
    }
  }

  static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
