package dev.incidents.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeTest {
  @TempDir Path directory;

  @Test
  void roundTripsEveryColumnTypeAndPartitionsByUtcMonth() {
    Lake lake = new Lake(directory.resolve("lake"));
    Object[] incident =
        new RowBuilder(LakeTables.INCIDENTS)
            .set("incident_id", "incidentio:incident:01H")
            .set("source", "incidentio")
            .set("external_id", "01H")
            .set("reference", "INC-7")
            .set("incident_number", 7L)
            .set("title", "Checkout errors")
            .set("severity", "SEV1")
            .set("mode", "real")
            .set("status", "resolved")
            .set("services", List.of("checkout", "payments"))
            .set("teams", List.of())
            .set("reported_at", Instant.parse("2026-01-31T23:30:00.123456789Z"))
            .set("resolved_at", Instant.parse("2026-02-01T01:00:00Z"))
            .set("source_file", "incidents.json")
            .build();
    try (TableWrite write = lake.upsert(LakeTables.INCIDENTS)) {
      write.add(incident);
      assertThat(write.commit().inserted()).isEqualTo(1);
    }
    List<Object[]> rows = lake.readAll(LakeTables.INCIDENTS);
    assertThat(rows).hasSize(1);
    Object[] row = rows.get(0);
    assertThat(row[LakeTables.INCIDENTS.indexOf("incident_number")]).isEqualTo(7L);
    assertThat(row[LakeTables.INCIDENTS.indexOf("services")])
        .isEqualTo(List.of("checkout", "payments"));
    assertThat(row[LakeTables.INCIDENTS.indexOf("teams")]).isEqualTo(List.of());
    // Stored at microsecond precision, in UTC.
    assertThat(row[LakeTables.INCIDENTS.indexOf("reported_at")])
        .isEqualTo(Instant.parse("2026-01-31T23:30:00.123456Z"));
    assertThat(row[LakeTables.INCIDENTS.indexOf("summary")]).isNull();
    assertThat(lake.files(LakeTables.INCIDENTS))
        .singleElement()
        .satisfies(file -> assertThat(file.getParent().getFileName()).hasToString("month=2026-01"));

    Object[] item = LakeRows.actionItem("OPS-1", LocalDate.of(2026, 4, 1));
    Object[] alert = LakeRows.alert("fp1", Instant.parse("2026-03-02T00:00:00Z"), "t");
    try (TableWrite write = lake.upsert(LakeTables.ACTION_ITEMS)) {
      write.add(item);
      write.commit();
    }
    try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
      write.add(alert);
      write.commit();
    }
    assertThat(
            lake.readAll(LakeTables.ACTION_ITEMS)
                .get(0)[LakeTables.ACTION_ITEMS.indexOf("due_date")])
        .isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(lake.readAll(LakeTables.ALERTS).get(0)[LakeTables.ALERTS.indexOf("labels")])
        .isEqualTo(Map.of("severity", "page", "team", "payments"));
  }

  @Test
  void upsertReplacesByIdAndNeverDuplicates() {
    Lake lake = new Lake(directory.resolve("lake"));
    Instant fired = Instant.parse("2026-03-02T00:00:00Z");
    try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
      write.add(LakeRows.alert("a", fired, "first"));
      write.add(LakeRows.alert("b", fired, "first"));
      write.add(LakeRows.alert("a", fired, "again in the same batch"));
      CommitResult result = write.commit();
      assertThat(result.inserted()).isEqualTo(2);
      assertThat(result.duplicatesInBatch()).isEqualTo(1);
    }
    try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
      write.add(LakeRows.alert("b", fired, "changed"));
      write.add(LakeRows.alert("c", fired.plusSeconds(86_400 * 40), "new, next month"));
      CommitResult result = write.commit();
      assertThat(result).isEqualTo(new CommitResult(true, 3, 1, 1, 0, 0));
    }
    Map<String, String> titles = titlesById(lake);
    assertThat(titles)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "alertmanager:alert:a", "again in the same batch",
                "alertmanager:alert:b", "changed",
                "alertmanager:alert:c", "new, next month"));
  }

  @Test
  void anOrderIndependentUpsertKeepsTheSameVersionWhateverTheOrder() {
    Instant fired = Instant.parse("2026-03-02T00:00:00Z");
    int title = LakeTables.ALERTS.indexOf("title");
    Map<Boolean, Map<String, String>> results = new java.util.HashMap<>();
    for (boolean reversed : new boolean[] {false, true}) {
      Lake lake = new Lake(directory.resolve("lake-" + reversed));
      List<String> versions = reversed ? List.of("beta", "alpha") : List.of("alpha", "beta");
      // One version per batch, then both in one batch: never "the last one wins".
      for (String version : versions) {
        try (TableWrite write = lake.upsert(LakeTables.ALERTS).orderIndependent()) {
          write.add(LakeRows.alert("a", fired, version));
          write.commit();
        }
      }
      try (TableWrite write = lake.upsert(LakeTables.ALERTS).orderIndependent()) {
        write.add(LakeRows.alert("b", fired, versions.get(0)));
        write.add(LakeRows.alert("b", fired, versions.get(1)));
        write.commit();
      }
      // A higher rank still wins over content, in either order.
      for (String version :
          reversed ? List.of("resolved", "gamma") : List.of("gamma", "resolved")) {
        try (TableWrite write =
            lake.upsert(LakeTables.ALERTS)
                .preferring(row -> "resolved".equals(row[title]) ? 1 : 0)
                .orderIndependent()) {
          write.add(LakeRows.alert("c", fired, version));
          write.commit();
        }
      }
      results.put(reversed, titlesById(lake));
    }
    assertThat(results.get(true)).isEqualTo(results.get(false));
    assertThat(results.get(true).get("alertmanager:alert:a"))
        .isEqualTo(results.get(true).get("alertmanager:alert:b"));
    assertThat(results.get(true).get("alertmanager:alert:c")).isEqualTo("resolved");
  }

  @Test
  void writingTheSameRowsAgainChangesNothingOnDisk() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    Instant fired = Instant.parse("2026-03-02T00:00:00Z");
    for (int run = 0; run < 2; run++) {
      try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
        write.add(LakeRows.alert("a", fired, "same"));
        write.add(LakeRows.alert("b", fired, "same"));
        CommitResult result = write.commit();
        assertThat(result.committed()).isEqualTo(run == 0);
        if (run == 1) {
          assertThat(result.unchanged()).isEqualTo(2);
        }
      }
    }
    Path target = Files.readSymbolicLink(lake.tablePath(LakeTables.ALERTS));
    try (Stream<Path> versions = Files.list(lake.root().resolve(".versions/alerts"))) {
      assertThat(versions.filter(p -> !p.getFileName().toString().startsWith(".")).toList())
          .singleElement()
          .satisfies(version -> assertThat(lake.root().relativize(version)).isEqualTo(target));
    }
  }

  @Test
  void abandonedWriteLeavesNoTrace() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
      write.add(LakeRows.alert("a", Instant.parse("2026-03-02T00:00:00Z"), "x"));
    }
    assertThat(lake.exists(LakeTables.ALERTS)).isFalse();
    try (Stream<Path> walk = Files.walk(lake.root())) {
      assertThat(walk.filter(p -> p.toString().endsWith(".parquet")).toList()).isEmpty();
    }
  }

  @Test
  void duckDbViewsCoverEveryTableAndMissingTablesReadEmpty() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    try (TableWrite write = lake.upsert(LakeTables.ALERTS)) {
      write.add(LakeRows.alert("a", Instant.parse("2026-03-02T10:15:30.5Z"), "x"));
      write.commit();
    }
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement()) {
      for (var table : LakeTables.ALL) {
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.name())) {
          result.next();
          assertThat(result.getLong(1))
              .as(table.name())
              .isEqualTo(table == LakeTables.ALERTS ? 1 : 0);
        }
      }
      try (ResultSet result =
          statement.executeQuery(
              "SELECT epoch(fired_at)::BIGINT, labels['team'], strftime(fired_at, '%Y-%m') FROM alerts")) {
        result.next();
        assertThat(result.getLong(1))
            .isEqualTo(Instant.parse("2026-03-02T10:15:30Z").getEpochSecond());
        assertThat(result.getString(2)).isEqualTo("payments");
        assertThat(result.getString(3)).isEqualTo("2026-03");
      }
    }
  }

  private static Map<String, String> titlesById(Lake lake) {
    int id = LakeTables.ALERTS.indexOf("alert_id");
    int title = LakeTables.ALERTS.indexOf("title");
    java.util.Map<String, String> result = new java.util.TreeMap<>();
    lake.readAll(LakeTables.ALERTS).stream()
        .sorted(Comparator.comparing(row -> (String) row[id]))
        .forEach(
            row -> {
              assertThat(result.put((String) row[id], (String) row[title])).isNull();
            });
    return result;
  }
}
