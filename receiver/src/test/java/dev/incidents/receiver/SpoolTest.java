package dev.incidents.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on a real file system: recovery, rotation, immutability of closed segments. */
class SpoolTest {
  @TempDir Path temp;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static byte[] line(int number) {
    return Spool.line(
        Endpoint.ALERTMANAGER,
        Instant.parse("2026-11-20T10:00:00Z").plusSeconds(number),
        Optional.empty(),
        "{\"version\":\"4\",\"n\":" + number + ",\"alerts\":[]}");
  }

  static Map<String, String> segments(Path spool) throws Exception {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.list(spool)) {
      for (Path file : files.toList()) {
        hashes.put(
            file.getFileName().toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return hashes;
  }

  @Test
  void tornLastLineIsMovedAsideAndTheCompleteLinesAreClosed() throws Exception {
    Path spool = temp.resolve("spool");
    Files.createDirectories(spool);
    byte[] first = line(1);
    byte[] second = line(2);
    byte[] third = line(3);
    byte[] torn = java.util.Arrays.copyOf(third, third.length / 2);
    Path open = spool.resolve(".open-segment-0000000007.jsonl");
    Files.write(open, concat(first, second, torn));

    try (Spool recovered =
        Spool.open(
            new Spool.Settings(spool, 1 << 20, Duration.ofMinutes(1), 0, Duration.ZERO),
            Clock.systemUTC(),
            nanos -> {})) {
      Spool.Recovery recovery = recovered.recovery();
      assertThat(recovery.segmentsClosed()).isEqualTo(1);
      assertThat(recovery.linesKept()).isEqualTo(2);
      assertThat(recovery.tornBytes()).isEqualTo(torn.length);
      assertThat(recovery.tornFiles())
          .singleElement()
          .satisfies(
              file -> {
                assertThat(file.getFileName().toString()).startsWith(".torn-segment-0000000007-");
                assertThat(Files.readAllBytes(file)).isEqualTo(torn);
              });
      recovered.append(line(4));
    }
    assertThat(open).doesNotExist();
    assertThat(Files.readAllBytes(spool.resolve("segment-0000000007.jsonl")))
        .isEqualTo(concat(first, second));
    // the next segment continues the numbering
    assertThat(Files.readAllBytes(spool.resolve("segment-0000000008.jsonl"))).isEqualTo(line(4));
  }

  @Test
  void garbageAfterAnUnparsableLineIsTornEvenIfItEndsWithANewline() throws Exception {
    Path spool = temp.resolve("spool");
    Files.createDirectories(spool);
    byte[] good = line(1);
    byte[] zeros = new byte[64];
    zeros[63] = '\n';
    Files.write(spool.resolve(".open-segment-0000000000.jsonl"), concat(good, zeros, line(2)));

    try (Spool recovered =
        Spool.open(
            new Spool.Settings(spool, 1 << 20, Duration.ofMinutes(1), 0, Duration.ZERO),
            Clock.systemUTC(),
            nanos -> {})) {
      assertThat(recovered.recovery().linesKept()).isEqualTo(1);
      assertThat(recovered.recovery().tornBytes()).isEqualTo(64 + line(2).length);
    }
    assertThat(Files.readAllBytes(spool.resolve("segment-0000000000.jsonl"))).isEqualTo(good);
  }

  @Test
  void segmentsRotateBySizeAndByAgeAndAClosedSegmentNeverChanges() throws Exception {
    Path spool = temp.resolve("spool");
    ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    long size = line(1).length;
    try (Spool writer =
        Spool.open(
            new Spool.Settings(spool, 3 * size, Duration.ofSeconds(60), 0, Duration.ZERO),
            clock,
            nanos -> {})) {
      for (int i = 0; i < 3; i++) {
        writer.append(line(i));
      }
      writer.append(line(3)); // the first segment is full: this one opens the second
      Map<String, String> afterSize = segments(spool);
      assertThat(afterSize.keySet())
          .containsExactly(".open-segment-0000000001.jsonl", "segment-0000000000.jsonl");

      clock.advance(Duration.ofSeconds(61));
      awaitClosed(spool, "segment-0000000001.jsonl"); // closed by age while idle
      writer.append(line(4));
      writer.append(line(5));
      Map<String, String> later = segments(spool);
      assertThat(later.get("segment-0000000000.jsonl"))
          .isEqualTo(afterSize.get("segment-0000000000.jsonl"));
      assertThat(later).containsKey(".open-segment-0000000002.jsonl");
    }
    assertThat(segments(spool).keySet())
        .containsExactly(
            "segment-0000000000.jsonl", "segment-0000000001.jsonl", "segment-0000000002.jsonl");
    assertThat(Files.readAllLines(spool.resolve("segment-0000000001.jsonl")))
        .containsExactly(new String(line(3), StandardCharsets.UTF_8).strip());
  }

  private static void awaitClosed(Path spool, String name) throws InterruptedException {
    for (int i = 0; i < 300 && !Files.exists(spool.resolve(name)); i++) {
      Thread.sleep(10);
    }
    assertThat(spool.resolve(name)).exists();
  }

  @Test
  void concurrentAppendsShareFsyncsAndAllLinesArrive() throws Exception {
    Path spool = temp.resolve("spool");
    int threads = 32;
    int perThread = 20;
    long fsyncs;
    try (Spool writer =
        Spool.open(
            new Spool.Settings(spool, 1 << 26, Duration.ofMinutes(1), 0, Duration.ofMillis(2)),
            Clock.systemUTC(),
            nanos -> {})) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    writer.append(line(thread * 1000 + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
      pool.shutdown();
      fsyncs = writer.fsyncs();
      assertThat(writer.lines()).isEqualTo(threads * perThread);
    }
    assertThat(fsyncs).isLessThan(threads * perThread);
    assertThat(Files.readAllLines(spool.resolve("segment-0000000000.jsonl")))
        .hasSize(threads * perThread)
        .doesNotHaveDuplicates();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
