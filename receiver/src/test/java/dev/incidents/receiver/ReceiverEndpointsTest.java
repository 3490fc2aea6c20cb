package dev.incidents.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of a real receiver on 127.0.0.1, with the vendors' payloads and signatures. */
class ReceiverEndpointsTest {
  static final String TOKEN = "receiver-test-token-0123456789";
  static final String PAGERDUTY_SECRET = "pagerduty-test-secret-1";
  static final String PAGERDUTY_SECRET_NEXT = "pagerduty-test-secret-2";

  /** The signing secret of the Standard Webhooks (Svix) documentation example. */
  static final String SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Receiver> started = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void stop() {
    started.forEach(Receiver::close);
  }

  Receiver start(ReceiverSettings settings) throws Exception {
    Receiver receiver = Receiver.start(settings);
    started.add(receiver);
    return receiver;
  }

  ReceiverSettings settings(Path spool) {
    return ReceiverSettings.of(
        "127.0.0.1",
        0,
        new Spool.Settings(spool, 64 * 1024 * 1024, Duration.ofMinutes(1), 0, Duration.ZERO),
        Optional.of(TOKEN),
        List.of(PAGERDUTY_SECRET, PAGERDUTY_SECRET_NEXT),
        List.of(SVIX_SECRET));
  }

  /** A file of the repository's testdata folder, such as samples/alertmanager/... */
  static Path shared(String relative) {
    String configured = System.getProperty("incidents.samples.dir");
    Path testdata =
        (configured != null ? Path.of(configured) : Path.of("../testdata/samples"))
            .toAbsolutePath()
            .normalize()
            .getParent();
    Path path = testdata.resolve(relative).toAbsolutePath().normalize();
    assertThat(path).exists();
    return path;
  }

  static byte[] scenario(String name) throws IOException {
    try (InputStream in = ReceiverEndpointsTest.class.getResourceAsStream("/scenarios/" + name)) {
      return in.readAllBytes();
    }
  }

  HttpResponse<String> post(Receiver receiver, String path, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(Receiver receiver, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every spool line of the closed segments, after the receiver closed its open segment. */
  static List<JsonNode> spoolLines(Path spool) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(spool)) {
      for (Path file :
          files
              .filter(path -> path.getFileName().toString().startsWith(Spool.CLOSED_PREFIX))
              .sorted()
              .toList()) {
        for (String line : Files.readAllLines(file)) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    return lines;
  }

  @Test
  void alertmanagerPayloadIsSpooledRawWithEndpointAndReceivedAt() throws Exception {
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));
    Instant before = Instant.now();

    HttpResponse<String> response =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("accepted\n");
    receiver.close();
    List<JsonNode> lines = spoolLines(spool);
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("spool").asInt()).isEqualTo(1);
    assertThat(line.get("endpoint").asText()).isEqualTo("alertmanager");
    assertThat(line.get("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    Instant receivedAt = Instant.parse(line.get("received_at").asText());
    assertThat(receivedAt).isBetween(before.minusSeconds(1), Instant.now());
  }

  @Test
  void grafanaUnifiedAlertingPayloadIsAccepted() throws Exception {
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    byte[] body = Files.readAllBytes(shared("samples/grafana/zulip__alert-9-mixed.json"));

    HttpResponse<String> response =
        post(receiver, "/v1/grafana", body, "Authorization", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    receiver.close();
    assertThat(spoolLines(spool))
        .singleElement()
        .satisfies(line -> assertThat(line.get("endpoint").asText()).isEqualTo("grafana"));
  }

  @Test
  void bearerTokenIsRequiredAndMustMatch() throws Exception {
    Receiver receiver = start(settings(temp.resolve("spool")));
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));

    HttpResponse<String> missing = post(receiver, "/v1/alertmanager", body);
    HttpResponse<String> wrong =
        post(receiver, "/v1/grafana", body, "Authorization", "Bearer " + TOKEN + "x");
    HttpResponse<String> basic =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Basic " + TOKEN);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("Missing Authorization: Bearer token\n");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("Invalid bearer token\n");
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.UNAUTHORIZED))
        .isEqualTo(2);
    assertThat(receiver.metrics().rejectedCount(Endpoint.GRAFANA, RejectReason.UNAUTHORIZED))
        .isEqualTo(1);
  }

  @Test
  void unknownVersionAndMalformedJsonAreAnswered400WithOneLine() throws Exception {
    Receiver receiver = start(settings(temp.resolve("spool")));
    String[] auth = {"Authorization", "Bearer " + TOKEN};

    HttpResponse<String> version3 =
        post(
            receiver,
            "/v1/alertmanager",
            "{\"version\":\"3\",\"status\":\"firing\",\"alerts\":[]}".getBytes(),
            auth);
    HttpResponse<String> noVersion =
        post(receiver, "/v1/alertmanager", "{\"alerts\":[]}".getBytes(), auth);
    HttpResponse<String> malformed =
        post(receiver, "/v1/alertmanager", "{\"version\":\"4\",\n\"alerts\":[".getBytes(), auth);
    HttpResponse<String> notUtf8 =
        post(receiver, "/v1/alertmanager", new byte[] {'{', '"', (byte) 0xC3, '"', '}'}, auth);
    HttpResponse<String> legacyGrafana =
        post(
            receiver,
            "/v1/grafana",
            "{\"ruleId\":1,\"state\":\"alerting\",\"evalMatches\":[]}".getBytes(),
            auth);

    assertThat(version3.statusCode()).isEqualTo(400);
    assertThat(version3.body())
        .isEqualTo(
            "Unknown payload version \"3\": Alertmanager webhook payloads are version \"4\"\n");
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noVersion.body())
        .isEqualTo(
            "Unknown payload version: Alertmanager webhook without version (expected \"4\")\n");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).startsWith("Malformed JSON at line 2, column 11: ");
    assertThat(malformed.body().lines()).hasSize(1);
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).isEqualTo("The body is not UTF-8\n");
    assertThat(legacyGrafana.statusCode()).isEqualTo(400);
    assertThat(legacyGrafana.body())
        .isEqualTo(
            "Unknown payload version: Grafana legacy alerting (no version); use unified alerting"
                + " (version \"1\")\n");
    assertThat(
            receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.UNKNOWN_VERSION))
        .isEqualTo(2);
    assertThat(receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.MALFORMED_JSON))
        .isEqualTo(2);
  }

  @Test
  void bodyOverOneMebibyteIs413WithOrWithoutContentLength() throws Exception {
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    byte[] big = new byte[1024 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');

    HttpResponse<String> declared =
        post(receiver, "/v1/alertmanager", big, "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + receiver.port() + "/v1/alertmanager"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body())
        .isEqualTo("The body is over the limit of 1048576 bytes (Content-Length 1048577)\n");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).isEqualTo("The body is over the limit of 1048576 bytes\n");
    receiver.close();
    assertThat(spoolLines(spool)).isEmpty();
  }

  @Test
  void pagerDutySignatureOfTheRawBodyWithSeveralSignatures() throws Exception {
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    byte[] body = scenario("PagerDutyV3IncidentResolved.json");
    // HMAC-SHA256 hex of the fixture's bytes, computed outside Java (Python's hmac module).
    String signature = "179db36d3d5782388f1ca7ad82b2a105775bed80121b4d4c7abc6baea2f4f69f";
    String signatureWithNextSecret =
        "75fd9fde1e2694e9313269679ee8b21649b7e749f874c79d0eef8657c14e1481";
    String wrong = "0".repeat(64);

    HttpResponse<String> one =
        post(
            receiver,
            "/v1/pagerduty",
            body,
            "X-PagerDuty-Signature",
            "v1=" + signature,
            "X-Webhook-Id",
            "delivery-1");
    HttpResponse<String> rotated =
        post(
            receiver,
            "/v1/pagerduty",
            body,
            "X-PagerDuty-Signature",
            "v1=" + wrong + ",v1=" + signatureWithNextSecret);
    HttpResponse<String> bad =
        post(receiver, "/v1/pagerduty", body, "X-PagerDuty-Signature", "v1=" + wrong);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("resolved", "triggered")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> changedBody =
        post(receiver, "/v1/pagerduty", tampered, "X-PagerDuty-Signature", "v1=" + signature);
    HttpResponse<String> missing = post(receiver, "/v1/pagerduty", body);

    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).isEqualTo("No v1 signature in X-PagerDuty-Signature matches\n");
    assertThat(changedBody.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("Missing X-PagerDuty-Signature\n");
    receiver.close();
    List<JsonNode> lines = spoolLines(spool);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("delivery_id").asText()).isEqualTo("delivery-1");
    assertThat(lines.get(0).get("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(lines.get(1).has("delivery_id")).isFalse();
  }

  @Test
  void incidentIoStandardWebhooksSignatureWithTheDocumentedExample() throws Exception {
    // The documentation example: id msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330, body
    // {"test": 2432232314}, signature v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=.
    Clock documented = Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC);
    Receiver receiver = start(settings(temp.resolve("spool")).withClock(documented));
    String[] headers = {
      "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp", "1614265330",
      "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    };

    HttpResponse<String> example =
        post(receiver, "/v1/incidentio", "{\"test\": 2432232314}".getBytes(), headers);
    HttpResponse<String> tampered =
        post(receiver, "/v1/incidentio", "{\"test\": 2432232315}".getBytes(), headers);

    // The signature passes; the example's body is no incident.io event, so it is refused as such.
    assertThat(example.statusCode()).isEqualTo(400);
    assertThat(example.body())
        .isEqualTo("Malformed payload: expected an incident.io event_type string\n");
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).isEqualTo("No v1 signature in webhook-signature matches\n");
  }

  @Test
  void incidentIoEventIsSpooledWithItsWebhookId() throws Exception {
    Instant sent = Instant.ofEpochSecond(1763631912);
    Path spool = temp.resolve("spool");
    Receiver receiver =
        start(settings(spool).withClock(Clock.fixed(sent.plusSeconds(30), ZoneOffset.UTC)));
    byte[] body = scenario("IncidentIoIncidentStatusUpdatedV2.json");
    // base64 HMAC-SHA256 of "msg_2pQ8incidentio.1763631912.<body>", computed with Python.
    String signature = "v1,ttVTJbc57SKtZNOM7ToyUA4psmLcBjuuZmQgfBa+x/Q=";

    HttpResponse<String> accepted =
        post(
            receiver,
            "/v1/incidentio",
            body,
            "webhook-id",
            "msg_2pQ8incidentio",
            "webhook-timestamp",
            "1763631912",
            "webhook-signature",
            "v1,bm9wZQ== " + signature);
    HttpResponse<String> replayedLater;
    receiver.close();
    Receiver later =
        start(
            settings(temp.resolve("spool-later"))
                .withClock(Clock.fixed(sent.plus(Duration.ofMinutes(6)), ZoneOffset.UTC)));
    replayedLater =
        post(
            later,
            "/v1/incidentio",
            body,
            "webhook-id",
            "msg_2pQ8incidentio",
            "webhook-timestamp",
            "1763631912",
            "webhook-signature",
            signature);

    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(replayedLater.statusCode()).isEqualTo(401);
    assertThat(replayedLater.body())
        .isEqualTo("webhook-timestamp is 360 s from the receiver's clock\n");
    List<JsonNode> lines = spoolLines(spool);
    assertThat(lines)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("endpoint").asText()).isEqualTo("incidentio");
              assertThat(line.get("delivery_id").asText()).isEqualTo("msg_2pQ8incidentio");
              assertThat(line.get("received_at").asText()).isEqualTo("2025-11-20T09:45:42Z");
            });
  }

  @Test
  void healthzAndMetricsReportCountsByEndpointAndReason() throws Exception {
    Receiver receiver = start(settings(temp.resolve("spool")));
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));
    post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    post(receiver, "/v1/alertmanager", body);

    HttpResponse<String> health = get(receiver, "/healthz");
    HttpResponse<String> metrics = get(receiver, "/metrics");
    HttpResponse<String> getWebhook = get(receiver, "/v1/alertmanager");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    List<String> lines = metrics.body().lines().toList();
    assertThat(lines)
        .contains(
            "incidents_receiver_received_total{endpoint=\"alertmanager\"} 2",
            "incidents_receiver_received_total{endpoint=\"pagerduty\"} 0",
            "incidents_receiver_rejected_total{endpoint=\"alertmanager\",reason=\"unauthorized\"} 1",
            "incidents_receiver_rejected_total{endpoint=\"alertmanager\",reason=\"spool_failure\"} 0",
            "incidents_receiver_spool_bytes " + receiver.spool().bytes(),
            "incidents_receiver_fsync_seconds_bucket{le=\"+Inf\"} 2",
            "incidents_receiver_fsync_seconds_count 2");
    assertThat(receiver.spool().bytes()).isGreaterThan(2L * body.length);
    assertThat(getWebhook.statusCode()).isEqualTo(405);
    assertThat(getWebhook.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void endpointWithoutItsSecretAnswers404AndSaysWhichVariable() throws Exception {
    Receiver receiver =
        start(
            ReceiverSettings.of(
                "127.0.0.1",
                0,
                new Spool.Settings(
                    temp.resolve("spool"), 1 << 20, Duration.ofMinutes(1), 0, Duration.ZERO),
                Optional.of(TOKEN),
                List.of(),
                List.of()));

    HttpResponse<String> response = post(receiver, "/v1/pagerduty", "{}".getBytes());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "The pagerduty endpoint is not configured: set INCIDENTS_RECEIVER_PAGERDUTY_SECRET\n");
    assertThat(receiver.describe())
        .contains(
            "  POST /v1/pagerduty: off, answers 404 (its secret is not set)",
            "  POST /v1/alertmanager: on (bearer_token)");
  }

  @Test
  void spoolFolderReplacedByAFileAnswers503AndHealthzTurnsRed() throws Exception {
    // Tests may run as root, where a read-only mode does not stop writes: the spool folder is
    // replaced by a plain file instead, so creating the next segment fails with a real I/O error.
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    Files.delete(spool);
    Files.writeString(spool, "not a folder");
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));

    HttpResponse<String> failed =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> again =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> health = get(receiver, "/healthz");

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.body()).startsWith("Cannot write the spool: ");
    assertThat(failed.headers().firstValue("Retry-After")).contains("10");
    assertThat(again.statusCode()).isEqualTo(503);
    assertThat(again.body()).startsWith("The spool failed earlier: ");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.SPOOL_FAILURE))
        .isEqualTo(2);
    assertThat(receiver.metrics().receivedCount(Endpoint.ALERTMANAGER)).isZero();
  }

  @Test
  void fullSpoolAnswers503UntilSpaceIsFreed() throws Exception {
    // A size-limited spool stands in for a full file system: the same refusal path, no root needed.
    Path spool = temp.resolve("spool");
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));
    long oneLine =
        Spool.line(
                Endpoint.ALERTMANAGER,
                Instant.now(),
                Optional.empty(),
                new String(body, StandardCharsets.UTF_8))
            .length;
    ReceiverSettings base = settings(spool);
    Receiver receiver =
        start(
            ReceiverSettings.of(
                "127.0.0.1",
                0,
                new Spool.Settings(
                    spool, 1, Duration.ofMinutes(1), oneLine + oneLine / 2, Duration.ZERO),
                base.token(),
                base.pagerDutySecrets(),
                base.incidentIoSecrets()));

    HttpResponse<String> first =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> full =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);
    try (Stream<Path> files = Files.list(spool)) {
      for (Path closed :
          files.filter(p -> p.getFileName().toString().startsWith(Spool.CLOSED_PREFIX)).toList()) {
        Files.delete(closed);
      }
    }
    HttpResponse<String> afterCleanup =
        post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(full.statusCode()).isEqualTo(503);
    assertThat(full.body()).startsWith("The spool is full: its segments hold ");
    assertThat(afterCleanup.statusCode()).isEqualTo(200);
    assertThat(receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.SPOOL_FULL))
        .isEqualTo(1);
  }

  @Test
  void overloadBeyondTheQueueAnswers503() throws Exception {
    Receiver receiver = start(settings(temp.resolve("spool")).withLimits(1, 0));
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));
    try (Socket slow = new Socket("127.0.0.1", receiver.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 10);
      out.flush();
      awaitBusy(receiver);

      HttpResponse<String> rejected =
          post(receiver, "/v1/alertmanager", body, "Authorization", "Bearer " + TOKEN);

      out.write(body, 10, body.length - 10);
      out.flush();
      String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(answer).isEqualTo("HTTP/1.1 200");
    }
    assertThat(receiver.metrics().rejectedCount(Endpoint.ALERTMANAGER, RejectReason.OVERLOADED))
        .isEqualTo(1);
  }

  /** Waits (bounded) until the slow request holds the only slot. */
  private static void awaitBusy(Receiver receiver) throws InterruptedException {
    for (int i = 0; i < 200 && receiver.busyRequests() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(receiver.busyRequests()).isEqualTo(1);
  }

  @Test
  void connectionWithoutACompleteHeaderIsClosedAfterTheHeaderTimeout() throws Exception {
    Receiver receiver =
        start(
            settings(temp.resolve("spool"))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300)));
    try (Socket slow = new Socket("127.0.0.1", receiver.port())) {
      slow.setSoTimeout(10_000);
      slow.getOutputStream().write("POST /v1/alertmanager HTTP/1.1\r\nHost: 1".getBytes());
      slow.getOutputStream().flush();
      long started = System.nanoTime();
      int read = slow.getInputStream().read();
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(read).isEqualTo(-1);
      assertThat(waitedMillis).isLessThan(9_000);
    }
  }

  @Test
  void keptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    Receiver receiver =
        start(
            settings(temp.resolve("spool"))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30)));
    try (Socket idle = new Socket("127.0.0.1", receiver.port())) {
      idle.setSoTimeout(10_000);
      idle.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());
      idle.getOutputStream().flush();
      InputStream in = idle.getInputStream();
      String head = new String(in.readNBytes(15), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 200 OK");
      byte[] rest = in.readAllBytes(); // ends when the server closes the idle connection
      assertThat(new String(rest, StandardCharsets.US_ASCII)).endsWith("ok\n");
    }
  }

  @Test
  void gracefulCloseFinishesTheRequestInFlightThenClosesTheSegment() throws Exception {
    Path spool = temp.resolve("spool");
    Receiver receiver = start(settings(spool));
    byte[] body = Files.readAllBytes(shared("samples/alertmanager/zulip__alert.json"));
    try (Socket slow = new Socket("127.0.0.1", receiver.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 10);
      out.flush();
      awaitBusy(receiver);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(receiver::close);
      Thread.sleep(200);
      out.write(body, 10, body.length - 10);
      out.flush();
      String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      closing.get();
      assertThat(answer).isEqualTo("HTTP/1.1 200");
    }
    assertThat(spoolLines(spool)).hasSize(1);
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(Spool.OPEN_PREFIX));
    }
  }
}
