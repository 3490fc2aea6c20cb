package dev.incidents.pull.http;

import static java.util.Objects.requireNonNull;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.incidents.pull.PullCounters;
import dev.incidents.pull.PullErrorCode;
import dev.incidents.pull.PullException;
import dev.incidents.pull.PullProgress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The one HTTP client every collector uses: {@code java.net.http} with a connect and a request
 * timeout, and a bounded Failsafe retry policy. 429, 408 and 5xx responses and transport failures
 * are retried; a wait the server asks for ({@link RateLimits}) is honoured, otherwise the delay is
 * exponential with jitter. Every other status fails at once with a one-line {@link PullException}.
 * Headers (which carry the token) are never part of a message.
 */
public final class ApiClient {
  private final HttpClient http;
  private final RetrySettings settings;
  private final Clock clock;
  private final Map<String, String> headers;
  private final PullCounters counters;
  private final PullProgress progress;
  private final Random jitter;

  public ApiClient(
      RetrySettings settings,
      Clock clock,
      Map<String, String> headers,
      PullCounters counters,
      PullProgress progress) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.headers = Map.copyOf(headers);
    this.counters = requireNonNull(counters, "counters is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.jitter = new Random(settings.jitterSeed());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public PullCounters counters() {
    return counters;
  }

  /** GETs a URI; returns the 2xx response, or throws after the bounded attempts. */
  public ApiResponse get(URI uri) {
    RetryPolicy<ApiResponse> policy =
        RetryPolicy.<ApiResponse>builder()
            .handle(IOException.class)
            .handleResultIf(response -> retryable(response.status()))
            .withMaxAttempts(settings.maxAttempts())
            .withDelayFn(context -> delay(context.getLastResult(), context.getAttemptCount()))
            .onRetry(event -> counters.retry())
            .build();
    ApiResponse response;
    try {
      response = Failsafe.with(policy).get(() -> send(uri));
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PullException pull) {
        throw pull;
      }
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new PullException(
          PullErrorCode.TRANSPORT,
          "GET "
              + path(uri)
              + " failed after "
              + settings.maxAttempts()
              + " attempts: "
              + (cause == null ? e.getMessage() : cause.getClass().getSimpleName())
              + (cause != null && cause.getMessage() != null ? " " + cause.getMessage() : ""));
    }
    int status = response.status();
    if (status >= 200 && status < 300) {
      return response;
    }
    throw failure(response);
  }

  private ApiResponse send(URI uri) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET();
    headers.forEach(request::header);
    counters.request();
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new ApiResponse(uri, response.statusCode(), response.headers(), response.body());
  }

  /** 429, and 420 (Statuspage's documented rate-limit answer), 408 and 5xx are retried. */
  static boolean retryable(int status) {
    return rateLimited(status) || status == 408 || status >= 500;
  }

  static boolean rateLimited(int status) {
    return status == 429 || status == 420;
  }

  /** The delay before the next attempt; recorded as a rate-limit wait when the server asked. */
  private Duration delay(ApiResponse last, int attempt) {
    Optional<Duration> requested =
        last == null ? Optional.empty() : RateLimits.requestedWait(last, clock);
    Duration wait;
    if (requested.isPresent()) {
      Duration asked = requested.get();
      if (asked.compareTo(settings.maxRateLimitWait()) > 0) {
        throw new PullException(
            PullErrorCode.RATE_LIMITED,
            "GET "
                + path(last.uri())
                + ": the server asks to wait "
                + asked.toSeconds()
                + " s, longer than the allowed "
                + settings.maxRateLimitWait().toSeconds()
                + " s");
      }
      // honour the wait, plus up to 10% (at least 50 ms) so clients do not return in lockstep
      long spread = Math.max(50, asked.toMillis() / 10);
      wait = asked.plusMillis((long) (jitter.nextDouble() * spread));
      counters.rateLimitWait(asked);
      progress.update(counters);
    } else {
      long base = settings.baseDelay().toMillis();
      long exponential = base * (1L << Math.min(20, Math.max(0, attempt - 1)));
      long capped = Math.min(settings.maxDelay().toMillis(), exponential);
      wait = Duration.ofMillis(capped / 2 + (long) (jitter.nextDouble() * (capped / 2 + 1)));
      if (last != null && rateLimited(last.status())) {
        counters.rateLimitWait(wait);
        progress.update(counters);
      }
    }
    return settings.sleep().apply(wait);
  }

  private PullException failure(ApiResponse response) {
    int status = response.status();
    String where = "GET " + path(response.uri()) + " answered HTTP " + status;
    PullErrorCode code =
        switch (status) {
          case 401, 403 -> PullErrorCode.AUTHENTICATION;
          case 410 -> PullErrorCode.ENDPOINT_REMOVED;
          case 420, 429 -> PullErrorCode.RATE_LIMITED;
          default -> status >= 500 ? PullErrorCode.SERVER_ERROR : PullErrorCode.REQUEST_REJECTED;
        };
    String after = retryable(status) ? " after " + settings.maxAttempts() + " attempts" : "";
    return new ApiFailure(code, where + after + ": " + response.excerpt(), response);
  }

  /** The path and query of a URI, for messages (never headers, so never a token). */
  public static String path(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** A failed response, kept so that a collector can react to a documented error body. */
  public static final class ApiFailure extends PullException {
    private final transient ApiResponse response;

    ApiFailure(PullErrorCode code, String message, ApiResponse response) {
      super(code, message);
      this.response = response;
    }

    public ApiResponse response() {
      return response;
    }
  }
}
