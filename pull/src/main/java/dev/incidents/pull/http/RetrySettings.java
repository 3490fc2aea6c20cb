package dev.incidents.pull.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Timeouts and the bounded retry policy of the shared client.
 *
 * @param maxAttempts attempts per request, the first included (at least 1)
 * @param baseDelay first backoff delay; each retry doubles it, with jitter
 * @param maxDelay cap of one backoff delay
 * @param maxRateLimitWait the longest wait a server may ask for; a longer one fails the run
 * @param connectTimeout connection timeout
 * @param requestTimeout timeout of one request, headers and body
 * @param sleep maps a wait the policy decided on to the time actually slept; the identity in
 *     production, a bounded tiny wait in tests
 * @param jitterSeed seed of the jitter, so a run's waits are reproducible
 */
public record RetrySettings(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRateLimitWait,
    Duration connectTimeout,
    Duration requestTimeout,
    UnaryOperator<Duration> sleep,
    long jitterSeed) {
  public RetrySettings {
    requireNonNull(baseDelay, "baseDelay is null");
    requireNonNull(maxDelay, "maxDelay is null");
    requireNonNull(maxRateLimitWait, "maxRateLimitWait is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
    requireNonNull(sleep, "sleep is null");
    if (maxAttempts < 1 || maxAttempts > 50) {
      throw new IllegalArgumentException("Invalid maxAttempts " + maxAttempts + ": 1..50");
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("Invalid delays: need 0 <= baseDelay <= maxDelay");
    }
  }

  /** Production: 8 attempts, 1 s doubling to 60 s, waits of up to 10 minutes honoured. */
  public static RetrySettings production() {
    return new RetrySettings(
        8,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        UnaryOperator.identity(),
        System.nanoTime());
  }

  /** The same policy with every real sleep scaled down 1000 times and capped at {@code cap}. */
  public RetrySettings withScaledSleep(Duration cap) {
    return new RetrySettings(
        maxAttempts,
        baseDelay,
        maxDelay,
        maxRateLimitWait,
        connectTimeout,
        requestTimeout,
        wait -> {
          Duration scaled = wait.dividedBy(1000);
          return scaled.compareTo(cap) > 0 ? cap : scaled;
        },
        jitterSeed);
  }

  public RetrySettings withMaxAttempts(int attempts) {
    return new RetrySettings(
        attempts,
        baseDelay,
        maxDelay,
        maxRateLimitWait,
        connectTimeout,
        requestTimeout,
        sleep,
        jitterSeed);
  }
}
