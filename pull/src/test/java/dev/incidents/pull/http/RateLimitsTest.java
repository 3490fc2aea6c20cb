package dev.incidents.pull.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  static final Instant NOW = Instant.parse("2025-04-17T11:17:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static ApiResponse response(Map<String, List<String>> headers, String body) {
    return new ApiResponse(
        URI.create("http://127.0.0.1/x"),
        429,
        HttpHeaders.of(headers, (a, b) -> true),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void retryAfterInSeconds() {
    assertThat(RateLimits.requestedWait(response(Map.of("Retry-After", List.of("30")), ""), CLOCK))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void retryAfterAsAnHttpDate() {
    assertThat(
            RateLimits.requestedWait(
                response(Map.of("Retry-After", List.of("Thu, 17 Apr 2025 11:17:18 GMT")), ""),
                CLOCK))
        .contains(Duration.ofSeconds(18));
  }

  @Test
  void incidentIoBodyRetryAfterIsAnHttpDateInUtc() {
    String body =
        "{\"type\":\"rate_limit_exceeded\",\"rate_limit\":{\"name\":\"api_key\",\"limit\":1200,"
            + "\"remaining\":0,\"retry_after\":\"Thu, 17 Apr 2025 11:17:18 UTC\"}}";
    assertThat(RateLimits.requestedWait(response(Map.of(), body), CLOCK))
        .contains(Duration.ofSeconds(18));
  }

  @Test
  void pagerDutyRatelimitResetAndTheLongestOfSeveralHintsWins() {
    assertThat(
            RateLimits.requestedWait(
                response(Map.of("ratelimit-reset", List.of("7"), "Retry-After", List.of("2")), ""),
                CLOCK))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void aDateInThePastIsNoWaitAndGarbageIsNoHint() {
    assertThat(
            RateLimits.requestedWait(
                response(Map.of("Retry-After", List.of("Thu, 17 Apr 2025 11:00:00 GMT")), ""),
                CLOCK))
        .contains(Duration.ZERO);
    assertThat(
            RateLimits.requestedWait(
                response(Map.of("Retry-After", List.of("soon")), "<html>"), CLOCK))
        .isEmpty();
  }
}
