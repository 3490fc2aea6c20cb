package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback part every fake API shares: a JDK {@code HttpServer} on 127.0.0.1, query parsing,
 * JSON answers, a request log, and seeded faults (429 with Retry-After in seconds or as an
 * HTTP-date, transient 500/503). Faults never repeat more than twice in a row, so a client with
 * bounded attempts always gets through.
 */
public abstract class FakeServer implements AutoCloseable {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs:
    // 40 ms per request on loopback
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final AtomicInteger faultsServed = new AtomicInteger();
  private Random faults;
  private double faultRate;
  private int faultsInARow;

  protected FakeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on, a share {@code rate} of requests answers a seeded fault first. */
  public synchronized void faults(long seed, double rate) {
    this.faults = new Random(seed);
    this.faultRate = rate;
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  public int faultsServed() {
    return faultsServed.get();
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  /** Answers one request: {@code status} and a JSON body, plus extra headers. */
  protected record Answer(int status, Object body, Map<String, String> headers) {
    static Answer ok(Object body) {
      return new Answer(200, body, Map.of());
    }
  }

  protected abstract Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange);

  /** The fault a subclass serves for a 429 (the vendor's own shape). */
  protected abstract Answer rateLimited(boolean httpDate);

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Answer answer;
      synchronized (this) {
        requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        answer = fault();
      }
      if (answer == null) {
        try {
          answer = answer(uri.getRawPath(), query(uri), exchange);
        } catch (RuntimeException e) {
          answer = new Answer(500, Map.of("error", String.valueOf(e)), Map.of());
        }
      }
      byte[] body =
          answer.body() instanceof byte[] bytes ? bytes : MAPPER.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private Answer fault() {
    if (faults == null || faultsInARow >= 2 || faults.nextDouble() >= faultRate) {
      faultsInARow = 0;
      return null;
    }
    faultsInARow++;
    faultsServed.incrementAndGet();
    return switch (faults.nextInt(4)) {
      case 0 -> rateLimited(false);
      case 1 -> rateLimited(true);
      case 2 -> new Answer(503, Map.of("error", "Service Unavailable"), Map.of());
      default -> new Answer(500, Map.of("error", "Internal Server Error"), Map.of());
    };
  }

  /** An HTTP-date {@code seconds} from now, as Retry-After and incident.io's body carry it. */
  protected static String httpDate(int seconds, boolean utcSuffix) {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plusSeconds(seconds).atOffset(ZoneOffset.UTC));
    return utcSuffix ? date.replace("GMT", "UTC") : date;
  }

  static Map<String, List<String>> query(URI uri) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return query;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  /**
   * The real samples in the repository, through the one system property every module's tests use.
   */
  public static Path samples() {
    return Path.of(System.getProperty("incidents.samples.dir", "../testdata/samples"))
        .toAbsolutePath()
        .normalize();
  }

  /**
   * The project's hand-written fixtures in vendor shapes ({@code testdata/fixtures}), for vendor
   * responses whose public examples carry no licence the repository can ship.
   */
  public static Path fixtures() {
    return samples().getParent().resolve("fixtures");
  }

  public static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
