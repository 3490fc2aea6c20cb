package dev.incidents.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a writer process (SIGKILL) at seeded random moments while it commits generation after
 * generation of a table, then checks that the lake still reads one complete generation and that the
 * next writer finishes the job.
 */
class KillMidWriteTest {
  static final int ROWS = 20_000;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void killedWriterLeavesThePreviousVersionReadable(long seed) throws Exception {
    Path lakeRoot = Files.createTempDirectory("kill-mid-write");
    Lake lake = new Lake(lakeRoot);
    GenerationWriter.writeGeneration(lake, 0);
    Random random = new Random(seed);
    for (int attempt = 0; attempt < 3; attempt++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  GenerationWriter.class.getName(),
                  lakeRoot.toString())
              .redirectErrorStream(true)
              .start();
      java.util.concurrent.atomic.AtomicLong lastCommitted =
          new java.util.concurrent.atomic.AtomicLong(-1);
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader output =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = output.readLine()) != null) {
                    if (line.startsWith("STARTED")) {
                      started.countDown();
                    } else if (line.startsWith("COMMITTED ")) {
                      lastCommitted.set(Long.parseLong(line.substring("COMMITTED ".length())));
                    }
                  }
                } catch (java.io.IOException closedByKill) {
                  // the stream closes when the process is killed
                }
              });
      reader.start();
      assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200 + random.nextInt(1500));
      long committedBeforeKill = lastCommitted.get();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      long generation = assertOneCompleteGeneration(lake);
      assertThat(generation).isGreaterThanOrEqualTo(Math.max(committedBeforeKill, 0));
      // A commit may finish just before the kill, before its "COMMITTED" line is read.
      assertThat(generation).isLessThanOrEqualTo(Math.max(lastCommitted.get(), 0) + 1);
      try (var connection = LakeViews.open(lake);
          var statement = connection.createStatement();
          var result =
              statement.executeQuery("SELECT count(*), count(DISTINCT title) FROM alerts")) {
        result.next();
        assertThat(result.getLong(1)).isEqualTo(ROWS);
        assertThat(result.getLong(2)).isEqualTo(1);
      }
    }
    // The next writer completes and clears what the killed ones left behind.
    GenerationWriter.writeGeneration(lake, 1_000);
    assertThat(assertOneCompleteGeneration(lake)).isEqualTo(1_000);
    try (Stream<Path> list = Files.list(lakeRoot.resolve(".versions/alerts"))) {
      List<Path> leftovers = list.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      assertThat(leftovers).isEmpty();
    }
  }

  private static long assertOneCompleteGeneration(Lake lake) {
    int title = LakeTables.ALERTS.indexOf("title");
    int id = LakeTables.ALERTS.indexOf("alert_id");
    Set<String> titles = new HashSet<>();
    Set<String> ids = new HashSet<>();
    lake.read(
        LakeTables.ALERTS,
        row -> {
          titles.add((String) row[title]);
          ids.add((String) row[id]);
        });
    assertThat(ids).hasSize(ROWS);
    assertThat(titles).hasSize(1);
    return Long.parseLong(titles.iterator().next().substring("generation ".length()));
  }

  /** The child process: commits generation 1, 2, 3... of the same keys until it is killed. */
  public static final class GenerationWriter {
    public static void main(String[] arguments) {
      Lake lake = new Lake(Path.of(arguments[0]));
      System.out.println("STARTED");
      System.out.flush();
      for (long generation = 1; generation < 10_000; generation++) {
        writeGeneration(lake, generation);
        System.out.println("COMMITTED " + generation);
        System.out.flush();
      }
    }

    static void writeGeneration(Lake lake, long generation) {
      Instant base = Instant.parse("2026-01-01T00:00:00Z");
      try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
        for (int i = 0; i < ROWS; i++) {
          // Spread over three months so the commit writes several partitions.
          write.add(
              LakeRows.alert("k" + i, base.plusSeconds(i * 400L), "generation " + generation));
        }
        write.commit();
      }
    }
  }
}
