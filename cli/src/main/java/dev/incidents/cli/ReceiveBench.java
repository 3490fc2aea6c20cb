package dev.incidents.cli;

import dev.incidents.core.io.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code receive} stage of {@code incidents bench}: {@code incidents receive} runs in its own
 * JVM (as users run it), 32 concurrent senders post 2,000 generated Alertmanager payloads each, and
 * the figures are the acknowledged payloads per second, the 99th percentile of the time to the
 * acknowledgement, the receiver's fsyncs per second (from its {@code /metrics}) and its peak
 * resident set size ({@code VmHWM} of {@code /proc/<pid>/status}).
 */
final class ReceiveBench {
  static final int SENDERS = 32;
  static final int PAYLOADS_PER_SENDER = 2_000;
  private static final String TOKEN = "bench-token-0123456789abcdef";

  /** What one run measured. */
  record Result(
      long acknowledged,
      long rejected,
      double seconds,
      double p99AckMillis,
      long fsyncs,
      double peakRssMegabytes) {
    double payloadsPerSecond() {
      return acknowledged / seconds;
    }

    double fsyncsPerSecond() {
      return fsyncs / seconds;
    }
  }

  private ReceiveBench() {}

  static Result run(Path spool) throws Exception {
    FileTrees.deleteRecursively(spool);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "receive",
            "--port",
            Integer.toString(port),
            "--spool",
            spool.toString());
    builder.environment().put("INCIDENTS_RECEIVER_TOKEN", TOKEN);
    builder.redirectErrorStream(true);
    Process receiver = builder.start();
    try {
      awaitListening(receiver);
      String[][] bodies = new String[SENDERS][PAYLOADS_PER_SENDER];
      Instant base = Instant.parse("2026-11-01T00:00:00Z");
      for (int s = 0; s < SENDERS; s++) {
        for (int i = 0; i < PAYLOADS_PER_SENDER; i++) {
          bodies[s][i] = payload(s * PAYLOADS_PER_SENDER + i, base);
        }
      }
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      URI uri = URI.create("http://127.0.0.1:" + port + "/v1/alertmanager");
      long[] latencies = new long[SENDERS * PAYLOADS_PER_SENDER];
      AtomicLong rejected = new AtomicLong();
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        work.add(
            senders.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PAYLOADS_PER_SENDER; i++) {
                    long started = System.nanoTime();
                    HttpResponse<Void> response =
                        client.send(
                            HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies[sender][i]))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    latencies[sender * PAYLOADS_PER_SENDER + i] = System.nanoTime() - started;
                    if (response.statusCode() != 200) {
                      rejected.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      long started = System.nanoTime();
      start.countDown();
      for (Future<?> future : work) {
        future.get(30, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      senders.shutdown();
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      long fsyncs =
          metrics
              .lines()
              .filter(line -> line.startsWith("incidents_receiver_fsync_seconds_count "))
              .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("No fsync count in /metrics"));
      double rss = peakRssMegabytes(receiver.pid());
      Arrays.sort(latencies);
      double p99 = latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6;
      long total = (long) SENDERS * PAYLOADS_PER_SENDER;
      return new Result(total - rejected.get(), rejected.get(), seconds, p99, fsyncs, rss);
    } finally {
      receiver.destroy();
      if (!receiver.waitFor(60, TimeUnit.SECONDS)) {
        receiver.destroyForcibly();
      }
    }
  }

  private static void awaitListening(Process receiver) throws Exception {
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
    CountDownLatch listening = new CountDownLatch(1);
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  seen.add(line);
                  if (line.startsWith("Listening on ")) {
                    listening.countDown();
                  }
                }
              } catch (IOException e) {
                // the receiver stopped
              }
            },
            "bench-receiver-output");
    reader.setDaemon(true);
    reader.start();
    if (!listening.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The receiver did not start: " + seen);
    }
  }

  /** {@code VmHWM} (peak resident set size) of a process, from Linux's /proc. */
  static double peakRssMegabytes(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      throw new IllegalStateException("Cannot read the receiver's peak RSS: no " + status);
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        String kilobytes = line.substring(6).trim().split("\\s+")[0];
        return Long.parseLong(kilobytes) / 1024.0;
      }
    }
    throw new IllegalStateException("Cannot read the receiver's peak RSS: no VmHWM in " + status);
  }

  static String payload(int number, Instant base) {
    String fingerprint = String.format(Locale.ROOT, "%016x", 0xbe4c000000000000L + number);
    return "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"BenchAlert\\\"}\","
        + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"incidents\","
        + "\"groupLabels\":{\"alertname\":\"BenchAlert\"},\"commonLabels\":{\"alertname\":"
        + "\"BenchAlert\",\"severity\":\"page\"},\"commonAnnotations\":{},"
        + "\"externalURL\":\"http://127.0.0.1:9093\",\"alerts\":[{\"status\":\"firing\","
        + "\"labels\":{\"alertname\":\"BenchAlert\",\"instance\":\"host-"
        + number
        + "\",\"job\":\"checkout\",\"severity\":\"page\"},\"annotations\":{\"summary\":"
        + "\"Checkout latency above SLO on host-"
        + number
        + "\"},\"startsAt\":\""
        + base.plusSeconds(number)
        + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":"
        + "\"http://127.0.0.1:9090/graph?g0.expr=latency\",\"fingerprint\":\""
        + fingerprint
        + "\"}]}";
  }
}
