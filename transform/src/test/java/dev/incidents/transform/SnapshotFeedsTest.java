package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exports downloaded day after day, fed to the lake in any order and grouping, with repeats: every
 * derived table equals the one from ingesting the final day's exports in one run. The snapshots
 * come from {@code incidents generate --snapshots daily}: incidents still open in early snapshots
 * are later updated, resolved or reopened; Jira items get done later; Slack grows day by day.
 */
class SnapshotFeedsTest {
  @TempDir static Path directory;
  static Path snapshots;
  static Map<String, List<String>> expected;

  @BeforeAll
  static void generateAndIngestTheFinalState() throws Exception {
    Path out = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(
            OrgSize.SMALL, 1, 39, out, YearMonth.of(2026, 1), Generator.Snapshots.DAILY, 1),
        tool -> {});
    snapshots = out.resolve(Generator.SNAPSHOTS);
    List<Path> days = days();
    Lake reference = new Lake(directory.resolve("reference"));
    ContinuousFeedsTest.ingest(reference, days.get(days.size() - 1));
    ContinuousFeedsTest.transform(reference);
    expected = derived(reference);
    // Not vacuous: the final state has incidents, and some were still open in an earlier download.
    assertThat(expected.get("incident_facts")).hasSizeGreaterThan(10);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    long openEarlier = 0;
    for (Path day : days.subList(0, days.size() - 1)) {
      try (Stream<Path> files = Files.list(day.resolve("incidentio"))) {
        for (Path file :
            files
                .filter(f -> f.getFileName().toString().startsWith("incidents-"))
                .collect(Collectors.toList())) {
          for (var incident : json.readTree(file.toFile()).path("incidents")) {
            String category = incident.path("incident_status").path("category").asText();
            if (category.equals("live") || category.equals("triage")) {
              openEarlier++;
            }
          }
        }
      }
    }
    assertThat(openEarlier).isPositive();
  }

  static List<Path> days() throws Exception {
    try (Stream<Path> list = Files.list(snapshots)) {
      return list.sorted().collect(Collectors.toList());
    }
  }

  static Map<String, List<String>> derived(Lake lake) {
    Map<String, List<String>> all = ContinuousFeedsTest.snapshot(lake);
    Map<String, List<String>> derived = new java.util.TreeMap<>();
    for (TableSchema table : LakeTables.ALL) {
      if (table.kind() == TableSchema.TableKind.DERIVED && all.containsKey(table.name())) {
        derived.put(table.name(), all.get(table.name()));
      }
    }
    return derived;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12})
  void anyOrderAndGroupingOfDailySnapshotsGivesTheFinalState(long seed) throws Exception {
    List<Path> units = new ArrayList<>();
    for (Path day : days()) {
      try (Stream<Path> tools = Files.list(day)) {
        tools.sorted().forEach(units::add); // one tool of one day: a scheduled download
      }
    }
    Random random = new Random(seed);
    List<Path> feed = new ArrayList<>(units);
    for (int i = 0; i < 4; i++) {
      feed.add(units.get(random.nextInt(units.size()))); // downloaded again
    }
    Collections.shuffle(feed, random);
    Lake lake = new Lake(directory.resolve("shuffled-" + seed));
    int position = 0;
    int runs = 0;
    while (position < feed.size()) {
      int group = 1 + random.nextInt(16);
      List<Path> batch = feed.subList(position, Math.min(feed.size(), position + group));
      ContinuousFeedsTest.ingest(lake, batch.toArray(Path[]::new));
      position += group;
      runs++;
    }
    assertThat(units.size()).isGreaterThan(20);
    ContinuousFeedsTest.transform(lake);
    Map<String, List<String>> actual = derived(lake);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String table : expected.keySet()) {
      assertThat(actual.get(table))
          .as(table + " after " + runs + " ingest runs of " + feed.size() + " downloads")
          .isEqualTo(expected.get(table));
    }
  }
}
