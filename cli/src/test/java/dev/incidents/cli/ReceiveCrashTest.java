package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver as a child process ({@code incidents receive}), SIGKILLed at a seeded moment while
 * concurrent senders post generated Alertmanager payloads (with re-deliveries), then restarted;
 * senders retry whatever got no 2xx. Every acknowledged payload must be in the spool, and after
 * {@code incidents ingest} every distinct firing is one alert row.
 */
class ReceiveCrashTest {
  private static final String TOKEN = "crash-test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SENDERS = 8;
  private static final int PAYLOADS = 480;
  private static final long SEED = 18L;

  @TempDir Path temp;

  record Payload(int number, String body, List<String> firings) {}

  /** Payload n fires alert n; every third payload also re-delivers an earlier firing. */
  static List<Payload> payloads(Random random) {
    List<Payload> payloads = new ArrayList<>();
    Instant base = Instant.parse("2026-11-01T00:00:00Z");
    for (int n = 0; n < PAYLOADS; n++) {
      List<Integer> alerts = new ArrayList<>(List.of(n));
      if (n > 0 && n % 3 == 0) {
        alerts.add(random.nextInt(n));
      }
      StringBuilder body = new StringBuilder();
      body.append("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"CrashTest\\\"}\",")
          .append("\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"incidents\",")
          .append("\"groupLabels\":{\"alertname\":\"CrashTest\"},\"commonLabels\":{},")
          .append(
              "\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\",\"alerts\":[");
      List<String> firings = new ArrayList<>();
      for (int i = 0; i < alerts.size(); i++) {
        int alert = alerts.get(i);
        String fingerprint = String.format(Locale.ROOT, "%016x", 0x5eed000000000000L + alert);
        String startsAt = base.plusSeconds(60L * alert).toString();
        firings.add(fingerprint + "@" + startsAt);
        if (i > 0) {
          body.append(',');
        }
        body.append(
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"CrashTest\",\"instance\":\"host-")
            .append(alert)
            .append("\",\"severity\":\"page\"},\"annotations\":{\"summary\":\"crash test ")
            .append(alert)
            .append("\"},\"startsAt\":\"")
            .append(startsAt)
            .append(
                "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\",\"fingerprint\":\"")
            .append(fingerprint)
            .append("\"}");
      }
      body.append("]}");
      payloads.add(new Payload(n, body.toString(), firings));
    }
    return payloads;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Starts {@code incidents receive} in a child JVM and waits (bounded) until it listens. */
  static Process startReceiver(Path spool, int port, List<String> output) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "receive",
            "--bind",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--spool",
            spool.toString());
    builder.environment().put("INCIDENTS_RECEIVER_TOKEN", TOKEN);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    CountDownLatch listening = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  output.add(line);
                  if (line.startsWith("Listening on ")) {
                    listening.countDown();
                  }
                }
              } catch (IOException e) {
                // the process died
              }
            });
    reader.setDaemon(true);
    reader.start();
    if (!listening.await(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The receiver did not start: " + output);
    }
    return process;
  }

  @Test
  void acknowledgedPayloadsSurviveSigkillAndEachFiringIsCountedOnce() throws Exception {
    Path spool = temp.resolve("spool");
    Random random = new Random(SEED);
    List<Payload> payloads = payloads(random);
    int killAfterAcks = 60 + random.nextInt(240);
    int port = freePort();
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    Process first = startReceiver(spool, port, output);

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger acks = new AtomicInteger();
    AtomicLong attempts = new AtomicLong();
    AtomicLong failedAttempts = new AtomicLong();
    CountDownLatch killPoint = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      work.add(
          senders.submit(
              () -> {
                for (int n = sender; n < PAYLOADS; n += SENDERS) {
                  Payload payload = payloads.get(n);
                  // bounded: a payload is retried for at most about two minutes
                  for (int attempt = 0; attempt < 2400; attempt++) {
                    attempts.incrementAndGet();
                    if (post(client, port, payload.body())) {
                      acknowledged.add(payload.number());
                      if (acks.incrementAndGet() == killAfterAcks) {
                        killPoint.countDown();
                      }
                      break;
                    }
                    failedAttempts.incrementAndGet();
                    Thread.sleep(50);
                  }
                }
                return null;
              }));
    }
    assertThat(killPoint.await(120, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(random.nextInt(20));
    first.destroyForcibly(); // SIGKILL
    first.waitFor(30, TimeUnit.SECONDS);
    int acknowledgedAtKill = acks.get();
    Process second = startReceiver(spool, port, output);
    for (Future<?> future : work) {
      future.get(300, TimeUnit.SECONDS);
    }
    senders.shutdown();
    second.destroy(); // SIGTERM: graceful, closes the open segment
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // 1. every acknowledged payload is in the spool's closed segments
    List<String> bodies = new ArrayList<>();
    try (Stream<Path> files = Files.list(spool)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode node = JSON.readTree(line);
          assertThat(node.get("endpoint").asText()).isEqualTo("alertmanager");
          bodies.add(node.get("body").asText());
        }
      }
    }
    Set<String> spooled = new HashSet<>(bodies);
    assertThat(acknowledged).hasSize(PAYLOADS);
    for (int number : acknowledged) {
      assertThat(spooled).as("payload %d", number).contains(payloads.get(number).body());
    }
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".open-segment-"));
    }

    // 2. after the ingest, each distinct firing is one alert
    Set<String> firings = new HashSet<>();
    payloads.forEach(payload -> firings.addAll(payload.firings()));
    Path lakePath = temp.resolve("lake");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"ingest", "--lake", lakePath.toString(), spool.toString()},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    long alertRows;
    long distinctRows;
    try (Connection connection = LakeViews.open(new Lake(lakePath));
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*), count(DISTINCT fingerprint || '@' || CAST(fired_at AS VARCHAR))"
                    + " FROM alerts WHERE source = 'alertmanager'")) {
      result.next();
      alertRows = result.getLong(1);
      distinctRows = result.getLong(2);
    }
    assertThat(alertRows).isEqualTo(firings.size());
    assertThat(distinctRows).isEqualTo(firings.size());

    String counts =
        String.format(
            Locale.ROOT,
            "receive crash test (seed %d): sent %d payloads (%d firings, %d distinct) in %d"
                + " attempts (%d without 2xx); SIGKILL after %d acknowledgements; acknowledged %d;"
                + " in the spool %d lines (%d distinct payloads); counted after ingest %d alerts",
            SEED,
            PAYLOADS,
            payloads.stream().mapToInt(p -> p.firings().size()).sum(),
            firings.size(),
            attempts.get(),
            failedAttempts.get(),
            acknowledgedAtKill,
            acknowledged.size(),
            bodies.size(),
            spooled.size(),
            alertRows);
    System.out.println(counts);
    output.stream().filter(line -> line.startsWith("Recovered")).forEach(System.out::println);
    Files.writeString(Path.of("target", "receive-crash-test.txt"), counts + "\n");
  }

  private static boolean post(HttpClient client, int port, String body) {
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/alertmanager"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
