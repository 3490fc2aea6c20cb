package dev.incidents.pull.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The wait a response asks for, from every place the vendors put it: {@code Retry-After} in seconds
 * or as an HTTP-date, {@code ratelimit-reset} in seconds (PagerDuty), {@code
 * X-RateLimit-Period-In-Sec} (Opsgenie) and {@code rate_limit.retry_after} as an HTTP-date in the
 * JSON body (incident.io). When several are given the longest wins.
 */
public final class RateLimits {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RateLimits() {}

  public static Optional<Duration> requestedWait(ApiResponse response, Clock clock) {
    Instant now = clock.instant();
    Duration longest = null;
    for (String name :
        new String[] {"retry-after", "ratelimit-reset", "x-ratelimit-period-in-sec"}) {
      Optional<String> value = response.headers().firstValue(name);
      if (value.isPresent()) {
        longest = longer(longest, parse(value.get(), now).orElse(null));
      }
    }
    if (response.body().length > 0 && response.body().length < 64 * 1024) {
      try {
        JsonNode body = MAPPER.readTree(response.body());
        JsonNode retryAfter = body == null ? null : body.path("rate_limit").get("retry_after");
        if (retryAfter != null && retryAfter.isTextual()) {
          longest = longer(longest, parse(retryAfter.asText(), now).orElse(null));
        } else if (retryAfter != null && retryAfter.isNumber()) {
          longest = longer(longest, Duration.ofSeconds(retryAfter.asLong()));
        }
      } catch (IOException | RuntimeException notJson) {
        // a non-JSON body carries no wait
      }
    }
    return Optional.ofNullable(longest);
  }

  /** Seconds ({@code 30}), epoch seconds, or an HTTP-date in GMT or UTC; never negative. */
  static Optional<Duration> parse(String value, Instant now) {
    String text = value.trim();
    if (text.matches("\\d+(\\.\\d+)?")) {
      double seconds = Double.parseDouble(text);
      if (seconds > 1_000_000_000d) {
        return Optional.of(
            nonNegative(Duration.between(now, Instant.ofEpochSecond((long) seconds))));
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }
    String normalised = text.replaceFirst("\\s+UTC$", " GMT");
    try {
      Instant at =
          ZonedDateTime.parse(normalised, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(nonNegative(Duration.between(now, at)));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(nonNegative(Duration.between(now, Instant.parse(text))));
      } catch (DateTimeParseException notIso) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private static Duration longer(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }
}
