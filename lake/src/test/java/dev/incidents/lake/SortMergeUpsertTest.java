package dev.incidents.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sort-merge upsert: the same set of rows gives the same bytes whatever the order, the threads
 * and the memory budget (spilled runs or none); keys that move partition are stored once; files of
 * older lakes (not sorted by key) merge like sorted ones.
 */
class SortMergeUpsertTest {
  @TempDir Path directory;

  /** Alerts over four months, with re-deliveries (same key) that rank lower or higher. */
  static List<Object[]> alerts(long seed, int count) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int key = random.nextInt(count / 2);
      Instant fired = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(key * 9_000L);
      boolean resolved = random.nextBoolean();
      rows.add(
          new RowBuilder(LakeTables.ALERTS)
              .set("alert_id", "alertmanager:alert:" + key)
              .set("source", "alertmanager")
              .set("fingerprint", Integer.toHexString(key))
              .set("rule", "Rule" + (key % 7))
              .set("title", "delivery " + random.nextInt(3))
              .set("status", resolved ? "resolved" : "firing")
              .set("fired_at", fired)
              .set("resolved_at", resolved ? fired.plusSeconds(600) : null)
              .set("labels", Map.of("service", "s" + key % 5, "n", Integer.toString(key)))
              .build());
    }
    return rows;
  }

  private static TableWrite upsert(Lake lake, MemoryBudget budget) {
    int resolved = LakeTables.ALERTS.indexOf("resolved_at");
    return lake.upsert(LakeTables.ALERTS, budget)
        .preferring(row -> row[resolved] != null ? 1 : 0)
        .orderIndependent();
  }

  /** Every Parquet file of the table, by path inside its version, with its bytes. */
  static Map<String, byte[]> files(Lake lake, TableSchema table) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Path version = lake.tablePath(table).toRealPath();
    for (Path file : lake.files(table)) {
      files.put(version.relativize(file.toRealPath()).toString(), Files.readAllBytes(file));
    }
    return files;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void theSameRowsGiveTheSameBytesWhateverTheOrderThreadsAndBudget(long seed) throws Exception {
    List<Object[]> rows = alerts(seed, 15_000);
    Lake reference = new Lake(directory.resolve("reference"));
    try (TableWrite write = upsert(reference, new MemoryBudget(1L << 30))) {
      rows.forEach(write::add);
      CommitResult result = write.commit();
      assertThat(result.inserted() + result.duplicatesInBatch()).isEqualTo(rows.size());
    }
    // Shuffled, on three threads, with a 1 MiB budget: many spilled runs.
    List<Object[]> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(seed * 31));
    Lake spilled = new Lake(directory.resolve("spilled"));
    MemoryBudget small = new MemoryBudget(MemoryBudget.MINIMUM_BYTES);
    try (TableWrite write = upsert(spilled, small)) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> done = new ArrayList<>();
      for (int part = 0; part < 3; part++) {
        List<Object[]> slice = shuffled.subList(part * 5_000, (part + 1) * 5_000);
        done.add(pool.submit(() -> slice.forEach(write::add)));
      }
      for (Future<?> future : done) {
        future.get();
      }
      pool.shutdown();
      write.commit();
    }
    assertThat(small.spills()).as("runs spilled to disk").isGreaterThan(3);
    assertThat(files(spilled, LakeTables.ALERTS)).isNotEmpty();
    Map<String, byte[]> expected = files(reference, LakeTables.ALERTS);
    Map<String, byte[]> actual = files(spilled, LakeTables.ALERTS);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String file : expected.keySet()) {
      assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
    }
    // One row per key, resolved wherever any delivery was resolved.
    Map<String, Object[]> byKey = new TreeMap<>();
    for (Object[] row : rows) {
      String key = (String) row[0];
      Object[] kept = byKey.get(key);
      if (kept == null || (kept[LakeTables.ALERTS.indexOf("resolved_at")] == null)) {
        byKey.put(key, row);
      }
    }
    List<Object[]> stored = spilled.readAll(LakeTables.ALERTS);
    assertThat(stored).hasSize(byKey.size());
    int resolved = LakeTables.ALERTS.indexOf("resolved_at");
    for (Object[] row : stored) {
      assertThat(row[resolved] != null)
          .as((String) row[0])
          .isEqualTo(byKey.get((String) row[0])[resolved] != null);
    }
  }

  /**
   * Rows of one key staged by one thread are combined in memory as they arrive; the record
   * accounting must not see it: each key reports the first of its origins by the given order (here
   * the reverse of arrival, so that arrival order cannot pass for it), and every other staged row
   * counts as a duplicate, in memory, spilled or both, on one thread or three.
   */
  @ParameterizedTest
  @ValueSource(longs = {5, 6})
  void combinedRowsReportTheFirstOriginByTheOrderAndCountEveryDuplicate(long seed)
      throws Exception {
    List<Object[]> rows = alerts(seed, 20_000);
    Map<String, Long> expectedFirst = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      expectedFirst.merge((String) rows.get(i)[0], (long) i, Math::max);
    }
    for (long budget : new long[] {1L << 30, MemoryBudget.MINIMUM_BYTES}) {
      for (int threads : new int[] {1, 3}) {
        Lake lake = new Lake(directory.resolve("origins-" + seed + "-" + budget + "-" + threads));
        java.util.Set<Long> first = java.util.concurrent.ConcurrentHashMap.newKeySet();
        MemoryBudget memory = new MemoryBudget(budget);
        CommitResult result;
        try (TableWrite write =
            upsert(lake, memory).reportingFirstOrigins((a, b) -> Long.compare(b, a), first::add)) {
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          List<Future<?>> done = new ArrayList<>();
          int slice = rows.size() / threads;
          for (int part = 0; part < threads; part++) {
            int from = part * slice;
            int to = part == threads - 1 ? rows.size() : from + slice;
            done.add(
                pool.submit(
                    () -> {
                      for (int i = from; i < to; i++) {
                        write.add(rows.get(i), i);
                      }
                    }));
          }
          for (Future<?> future : done) {
            future.get();
          }
          pool.shutdown();
          result = write.commit();
        }
        String run = "budget " + budget + ", threads " + threads;
        if (budget == MemoryBudget.MINIMUM_BYTES) {
          assertThat(memory.spills()).as(run).isGreaterThan(0);
        }
        assertThat(result.inserted()).as(run).isEqualTo(expectedFirst.size());
        assertThat(result.duplicatesInBatch())
            .as(run)
            .isEqualTo(rows.size() - expectedFirst.size());
        assertThat(new TreeMap<>(Map.of("first", new java.util.TreeSet<>(first))))
            .as(run)
            .isEqualTo(Map.of("first", new java.util.TreeSet<>(expectedFirst.values())));
      }
    }
  }

  @Test
  void aSecondWriteMergesWithTheStoredRowsAndRewritesOnlyTouchedMonths() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    List<Object[]> rows = alerts(5, 4_000);
    try (TableWrite write = upsert(lake, new MemoryBudget(MemoryBudget.MINIMUM_BYTES))) {
      rows.forEach(write::add);
      write.commit();
    }
    Map<String, byte[]> before = files(lake, LakeTables.ALERTS);
    assertThat(before).containsKeys("month=2026-01/part-00000.parquet");
    Path januaryBefore =
        lake.tablePath(LakeTables.ALERTS).toRealPath().resolve("month=2026-01/part-00000.parquet");
    // A new alert in the last month only.
    Object[] late =
        new RowBuilder(LakeTables.ALERTS)
            .set("alert_id", "alertmanager:alert:late")
            .set("source", "alertmanager")
            .set("fired_at", Instant.parse("2026-03-20T00:00:00Z"))
            .build();
    CommitResult result;
    try (TableWrite write = upsert(lake, new MemoryBudget(MemoryBudget.MINIMUM_BYTES))) {
      write.add(late);
      result = write.commit();
    }
    assertThat(result.inserted()).isEqualTo(1);
    assertThat(result.rowsInTable()).isEqualTo(countKeys(rows) + 1);
    Map<String, byte[]> after = files(lake, LakeTables.ALERTS);
    assertThat(after.get("month=2026-01/part-00000.parquet"))
        .isEqualTo(before.get("month=2026-01/part-00000.parquet"));
    assertThat(after.get("month=2026-03/part-00000.parquet"))
        .isNotEqualTo(before.get("month=2026-03/part-00000.parquet"));
    // The untouched month is the same file, linked, not rewritten.
    Path januaryAfter =
        lake.tablePath(LakeTables.ALERTS).toRealPath().resolve("month=2026-01/part-00000.parquet");
    assertThat(Files.getAttribute(januaryAfter, "unix:ino"))
        .isEqualTo(Files.getAttribute(januaryBefore, "unix:ino"));
    assertThat(lake.readAll(LakeTables.ALERTS)).hasSize((int) result.rowsInTable());
  }

  private static long countKeys(List<Object[]> rows) {
    return rows.stream().map(row -> (String) row[0]).distinct().count();
  }

  @Test
  void aKeyThatMovesToAnotherMonthIsStoredOnce() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    Object[] first = incident("2026-01-31T23:00:00Z", "Checkout errors");
    Object[] other = incident("2026-03-02T10:00:00Z", "Other");
    other[LakeTables.INCIDENTS.indexOf("incident_id")] = "incidentio:incident:other";
    try (TableWrite write = lake.upsert(LakeTables.INCIDENTS)) {
      write.add(first);
      write.add(other);
      write.commit();
    }
    // The report time was corrected into February: the January row must go.
    Object[] moved = incident("2026-02-01T00:30:00Z", "Checkout errors (corrected)");
    try (TableWrite write = lake.upsert(LakeTables.INCIDENTS)) {
      write.add(moved);
      CommitResult result = write.commit();
      assertThat(result.updated()).isEqualTo(1);
      assertThat(result.rowsInTable()).isEqualTo(2);
    }
    List<Object[]> rows = lake.readAll(LakeTables.INCIDENTS);
    assertThat(rows).hasSize(2);
    int title = LakeTables.INCIDENTS.indexOf("title");
    assertThat(rows.stream().map(row -> (String) row[title]).sorted().toList())
        .containsExactly("Checkout errors (corrected)", "Other");
    assertThat(files(lake, LakeTables.INCIDENTS).keySet())
        .containsExactly("month=2026-02/part-00000.parquet", "month=2026-03/part-00000.parquet");
  }

  private static Object[] incident(String reportedAt, String title) {
    return new RowBuilder(LakeTables.INCIDENTS)
        .set("incident_id", "incidentio:incident:01H")
        .set("source", "incidentio")
        .set("external_id", "01H")
        .set("title", title)
        .set("severity", "SEV1")
        .set("mode", "real")
        .set("status", "resolved")
        .set("services", List.of("checkout"))
        .set("teams", List.of())
        .set("reported_at", Instant.parse(reportedAt))
        .set("source_file", "incidents.json")
        .build();
  }

  @Test
  void anOlderLakesUnsortedFileMergesLikeASortedOne() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    List<Object[]> rows = alerts(9, 2_000);
    try (TableWrite write = upsert(lake, new MemoryBudget(1L << 30))) {
      rows.forEach(write::add);
      write.commit();
    }
    // Rewrite the stored March file as an older release wrote it: not sorted, no footer mark.
    Path march =
        lake.tablePath(LakeTables.ALERTS).toRealPath().resolve("month=2026-03/part-00000.parquet");
    List<Object[]> marchRows = new ArrayList<>();
    RowReader.read(LakeTables.ALERTS, march, marchRows::add);
    Collections.reverse(marchRows);
    Files.delete(march);
    try (ParquetWriter<Object[]> writer = new UnsortedBuilder(new LocalOutputFile(march)).build()) {
      for (Object[] row : marchRows) {
        writer.write(row);
      }
    }
    assertThat(RowReader.sortedByKey(march)).isFalse();
    Object[] update = marchRows.get(0).clone();
    update[LakeTables.ALERTS.indexOf("title")] = "updated";
    update[LakeTables.ALERTS.indexOf("resolved_at")] = Instant.parse("2026-03-31T00:00:00Z");
    try (TableWrite write = upsert(lake, new MemoryBudget(MemoryBudget.MINIMUM_BYTES))) {
      write.add(update);
      CommitResult result = write.commit();
      assertThat(result.updated()).isEqualTo(1);
      assertThat(result.inserted()).isZero();
    }
    Path rewritten =
        lake.tablePath(LakeTables.ALERTS).toRealPath().resolve("month=2026-03/part-00000.parquet");
    assertThat(RowReader.sortedByKey(rewritten)).isTrue();
    List<Object[]> after = new ArrayList<>();
    RowReader.read(LakeTables.ALERTS, rewritten, after::add);
    assertThat(after).hasSize(marchRows.size());
    List<String> keys = after.stream().map(row -> (String) row[0]).toList();
    assertThat(keys).isSorted();
    assertThat(
            after.stream().filter(row -> "updated".equals(row[LakeTables.ALERTS.indexOf("title")])))
        .hasSize(1);
    try (Stream<Path> walk = Files.walk(lake.root().resolve(Lake.VERSIONS))) {
      assertThat(walk.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  private static final class UnsortedBuilder
      extends ParquetWriter.Builder<Object[], UnsortedBuilder> {
    UnsortedBuilder(OutputFile file) {
      super(file);
      withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    }

    @Override
    protected UnsortedBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration configuration) {
      return new RowWriteSupport(LakeTables.ALERTS, false);
    }
  }
}
