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
    Instant fast = strictIso(value);
    if (fast != null) {
      return fast;
    }
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

  /**
   * The one shape nearly every source writes, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)},
   * parsed without a formatter; anything else (or out of range) is null and goes the general way,
   * which also words the errors.
   */
  static Instant strictIso(String value) {
    int length = value.length();
    if (length < 20
        || value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || value.charAt(10) != 'T'
        || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return null;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    int hour = digits(value, 11, 2);
    int minute = digits(value, 14, 2);
    int second = digits(value, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    int position = 19;
    long nanos = 0;
    if (value.charAt(position) == '.') {
      int start = ++position;
      while (position < length && value.charAt(position) >= '0' && value.charAt(position) <= '9') {
        position++;
      }
      int count = position - start;
      if (count == 0 || count > 9) {
        return null;
      }
      nanos = digits(value, start, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (position == length - 1 && value.charAt(position) == 'Z') {
      offsetSeconds = 0;
    } else if (position == length - 6
        && (value.charAt(position) == '+' || value.charAt(position) == '-')
        && value.charAt(position + 3) == ':') {
      int offsetHours = digits(value, position + 1, 2);
      int offsetMinutes = digits(value, position + 4, 2);
      if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds =
          (offsetHours * 3600 + offsetMinutes * 60) * (value.charAt(position) == '-' ? -1 : 1);
    } else {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static int digits(String value, int start, int count) {
    int result = 0;
    for (int i = start; i < start + count; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
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
