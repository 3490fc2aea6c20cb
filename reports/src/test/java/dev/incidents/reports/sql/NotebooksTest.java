package dev.incidents.reports.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped notebook runs against a generated lake, with no failed cell and real results. */
class NotebooksTest {
  @TempDir static Path directory;
  static Lake lake;

  @BeforeAll
  static void generatedLake() {
    Path exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 6, 3, exports, YearMonth.now().minusMonths(6)),
        tool -> {});
    lake = new Lake(directory.resolve("lake"));
    new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(exports), bytes -> {});
    TransformParameters parameters =
        TransformParameters.from(
            Config.defaults(),
            Instant.now(),
            Config.defaults().getZone(ConfigKeys.REPORT_TIMEZONE));
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    }
  }

  static Stream<Path> notebooks() throws Exception {
    Path folder = Path.of("").toAbsolutePath().getParent().resolve("notebooks");
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void notebookRunsWithResults(Path notebook) throws Exception {
    NotebookRunner.Outcome outcome;
    try (Connection connection = ReadOnlyLake.open(lake, "UTC")) {
      outcome = NotebookRunner.run(Files.readString(notebook), connection);
    }
    assertThat(outcome.failed()).as(outcome.markdown()).isZero();
    assertThat(outcome.cells()).isPositive();
    assertThat(outcome.rowsPerCell().values().stream().mapToLong(Long::longValue).sum())
        .as(notebook.getFileName().toString())
        .isPositive();
    Path out = directory.resolve("out");
    NotebookRunner.write(outcome, out, "nb", List.of("md", "html"));
    assertThat(Files.readString(out.resolve("nb.html"))).contains("<table>");
  }

  @Test
  void aFailingCellShowsItsErrorInPlace() throws Exception {
    try (Connection connection = ReadOnlyLake.open(lake, "UTC")) {
      NotebookRunner.Outcome outcome =
          NotebookRunner.run(
              "# t\n\n```sql\nSELECT nope FROM incidents;\n```\n\nafter\n\n```sql\nSELECT 1 AS ok;\n```\n",
              connection);
      assertThat(outcome.failed()).isEqualTo(1);
      assertThat(outcome.markdown())
          .contains("> **Error:**")
          .contains("nope")
          .contains("after")
          .contains("| ok |");
    }
  }
}
