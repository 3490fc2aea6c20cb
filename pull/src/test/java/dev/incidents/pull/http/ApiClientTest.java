package dev.incidents.pull.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.incidents.pull.PullCounters;
import dev.incidents.pull.PullErrorCode;
import dev.incidents.pull.PullException;
import dev.incidents.pull.PullProgress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared client against a scripted loopback server: which answers retry, which fail. */
class ApiClientTest {
  record Scripted(int status, Map<String, String> headers, String body, long delayMillis) {}

  HttpServer server;
  final Deque<Scripted> script = new ArrayDeque<>();
  final List<String> authorizations = new ArrayList<>();
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Scripted next;
            synchronized (script) {
              authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
              next =
                  script.isEmpty()
                      ? new Scripted(200, Map.of(), "{\"ok\":true}", 0)
                      : script.poll();
            }
            if (next.delayMillis() > 0) {
              try {
                Thread.sleep(next.delayMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
            next.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(next.status(), body.length);
            exchange.getResponseBody().write(body);
          } catch (IOException closed) {
            // the client timed out and left
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  ApiClient client(PullCounters counters, Duration requestTimeout) {
    RetrySettings settings =
        new RetrySettings(
            4,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            Duration.ofSeconds(2),
            requestTimeout,
            wait -> {
              slept.add(wait);
              return Duration.ofMillis(1);
            },
            42);
    return new ApiClient(
        settings,
        Clock.systemUTC(),
        Map.of("Authorization", "Bearer t0ken-value"),
        counters,
        PullProgress.NONE);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/items?page=1");
  }

  @Test
  void a429HonoursRetryAfterSecondsThenSucceeds() {
    script.add(new Scripted(429, Map.of("Retry-After", "3"), "{}", 0));
    script.add(new Scripted(503, Map.of(), "busy", 0));
    PullCounters counters = new PullCounters("test");
    ApiResponse response = client(counters, Duration.ofSeconds(5)).get(uri());
    assertThat(response.status()).isEqualTo(200);
    assertThat(counters.requests()).isEqualTo(3);
    assertThat(counters.retries()).isEqualTo(2);
    assertThat(counters.rateLimitWaits()).isEqualTo(1);
    assertThat(counters.longestWait()).isEqualTo(Duration.ofSeconds(3));
    assertThat(slept.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3350));
    assertThat(slept.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(201));
    assertThat(authorizations).containsOnly("Bearer t0ken-value");
  }

  @Test
  void attemptsAreBoundedAndTheLastStatusIsReportedWithoutTheToken() {
    for (int i = 0; i < 4; i++) {
      script.add(new Scripted(500, Map.of(), "{\"error\":\"boom\"}", 0));
    }
    PullCounters counters = new PullCounters("test");
    assertThatThrownBy(() -> client(counters, Duration.ofSeconds(5)).get(uri()))
        .isInstanceOf(PullException.class)
        .hasMessage("GET /items?page=1 answered HTTP 500 after 4 attempts: {\"error\":\"boom\"}")
        .satisfies(
            e -> assertThat(((PullException) e).code()).isEqualTo(PullErrorCode.SERVER_ERROR));
    assertThat(counters.requests()).isEqualTo(4);
  }

  @Test
  void authenticationAndRemovedEndpointsFailAtOnce() {
    script.add(new Scripted(401, Map.of(), "{\"error\":\"Invalid Credentials\"}", 0));
    PullCounters counters = new PullCounters("test");
    assertThatThrownBy(() -> client(counters, Duration.ofSeconds(5)).get(uri()))
        .hasMessage("GET /items?page=1 answered HTTP 401: {\"error\":\"Invalid Credentials\"}");
    script.add(
        new Scripted(
            410, Map.of(), "{\"errorMessages\":[\"The requested API has been removed.\"]}", 0));
    assertThatThrownBy(() -> client(counters, Duration.ofSeconds(5)).get(uri()))
        .satisfies(
            e -> assertThat(((PullException) e).code()).isEqualTo(PullErrorCode.ENDPOINT_REMOVED));
    assertThat(counters.requests()).isEqualTo(2);
  }

  @Test
  void aTimeoutIsRetriedThenReported() {
    for (int i = 0; i < 4; i++) {
      script.add(new Scripted(200, Map.of(), "{}", 600));
    }
    PullCounters counters = new PullCounters("test");
    assertThatThrownBy(() -> client(counters, Duration.ofMillis(150)).get(uri()))
        .isInstanceOf(PullException.class)
        .hasMessageStartingWith("GET /items?page=1 failed after 4 attempts: HttpTimeoutException")
        .satisfies(e -> assertThat(((PullException) e).code()).isEqualTo(PullErrorCode.TRANSPORT));
  }

  @Test
  void aWaitLongerThanTheMaximumFailsInsteadOfHanging() {
    script.add(new Scripted(429, Map.of("Retry-After", "3600"), "{}", 0));
    assertThatThrownBy(() -> client(new PullCounters("test"), Duration.ofSeconds(5)).get(uri()))
        .hasMessage(
            "GET /items?page=1: the server asks to wait 3600 s, longer than the allowed 60 s")
        .satisfies(
            e -> assertThat(((PullException) e).code()).isEqualTo(PullErrorCode.RATE_LIMITED));
  }
}
