package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.Config;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.SourceStats;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.MemoryBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallel ingest writes the same lake as a one-thread run: for generated organisations
 * (seeded), every canonical table's Parquet files are byte-identical between one parser thread with
 * a large memory budget and several threads with a budget small enough to spill sorted runs, and
 * the per-source accounting is the same.
 */
class ParallelIngestTest {
  /** Tables whose rows carry the run's own time (quarantine's ingested_at, the run record). */
  private static final List<TableSchema> RUN_STAMPED =
      List.of(LakeTables.QUARANTINE, LakeTables.INGEST_RUNS);

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(longs = {3, 21})
  void parallelIngestGivesByteIdenticalFilesToAOneThreadRun(long seed) throws Exception {
    Path exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 2, seed, exports, YearMonth.of(2026, 1)), t -> {});
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> list = Files.list(exports)) {
      list.filter(Files::isDirectory).sorted().forEach(inputs::add);
    }
    Lake single = new Lake(directory.resolve("single"));
    IngestSummary one =
        new IngestJob(single, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
            .threads(1)
            .memory(new MemoryBudget(1L << 30))
            .run(inputs, bytes -> {});
    Lake parallel = new Lake(directory.resolve("parallel"));
    MemoryBudget small = new MemoryBudget(MemoryBudget.MINIMUM_BYTES);
    IngestSummary many =
        new IngestJob(parallel, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
            .threads(4)
            .memory(small)
            .run(inputs, bytes -> {});
    assertThat(small.spills()).as("the small budget spilled sorted runs").isPositive();
    int compared = 0;
    for (TableSchema table : LakeTables.ALL) {
      if (table.kind() != TableSchema.TableKind.CANONICAL || RUN_STAMPED.contains(table)) {
        continue;
      }
      Map<String, byte[]> expected = files(single, table);
      Map<String, byte[]> actual = files(parallel, table);
      assertThat(actual.keySet()).as(table.name()).isEqualTo(expected.keySet());
      for (String file : expected.keySet()) {
        assertThat(actual.get(file)).as(table.name() + "/" + file).isEqualTo(expected.get(file));
        compared++;
      }
    }
    assertThat(compared).as("files compared").isGreaterThan(10);
    assertThat(counts(many)).isEqualTo(counts(one));
    assertThat(counts(one).get("alertmanager"))
        .as("re-deliveries are duplicates")
        .matches(c -> c.get(3) > 0);
  }

  private static Map<String, List<Long>> counts(IngestSummary summary) {
    Map<String, List<Long>> counts = new TreeMap<>();
    for (Map.Entry<String, SourceStats> entry : summary.sources().entrySet()) {
      SourceStats stats = entry.getValue();
      counts.put(
          entry.getKey(),
          List.of(
              stats.files(),
              stats.read(),
              stats.written(),
              stats.duplicates(),
              stats.quarantined(),
              stats.ignored(),
              stats.redactions()));
    }
    return counts;
  }

  private static Map<String, byte[]> files(Lake lake, TableSchema table) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!lake.exists(table)) {
      return files;
    }
    Path version = lake.tablePath(table).toRealPath();
    for (Path file : lake.files(table)) {
      files.put(version.relativize(file.toRealPath()).toString(), Files.readAllBytes(file));
    }
    return files;
  }
}
