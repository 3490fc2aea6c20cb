package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.Config;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same organisation either way: a generated organisation's incident.io, PagerDuty, Slack and
 * Jira exports, served by the fakes and pulled, give the same canonical rows as ingesting the
 * export files (so the same derived tables). {@code PULL_TEST_ORG=medium} (or {@code
 * -Dincidents.pull.org=medium}) runs the medium organisation and prints the figures of the issue's
 * closing note; it is a check, not a benchmark.
 */
class GeneratedOrganisationPullTest {
  @TempDir Path directory;

  static final List<TableSchema> TABLES =
      List.of(
          LakeTables.INCIDENTS,
          LakeTables.TIMELINE_EVENTS,
          LakeTables.ALERTS,
          LakeTables.PAGES,
          LakeTables.ACTION_ITEMS,
          LakeTables.CHAT_MESSAGES,
          LakeTables.PEOPLE);

  @Test
  void pullingTheServedExportsGivesTheSameRowsAsIngestingThem() {
    OrgSize size =
        OrgSize.valueOf(
            System.getProperty(
                    "incidents.pull.org", System.getenv().getOrDefault("PULL_TEST_ORG", "small"))
                .toUpperCase(Locale.ROOT));
    int months = size == OrgSize.SMALL ? 3 : 12;
    Path exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(size, months, 11, exports, Generator.Options.defaultStart(months)),
        tool -> {});

    Lake direct = new Lake(directory.resolve("direct").resolve("lake"));
    List<Path> inputs = new ArrayList<>();
    inputs.add(exports.resolve("incidentio"));
    inputs.add(exports.resolve("pagerduty"));
    inputs.add(exports.resolve("slack"));
    try (var files = java.nio.file.Files.list(exports.resolve("jira"))) {
      files
          .filter(file -> file.getFileName().toString().startsWith("search-"))
          .sorted()
          .forEach(inputs::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    new IngestJob(direct, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(inputs, bytes -> {});

    try (PullFixture fixture = new PullFixture(directory.resolve("pulled"))) {
      fixture.incidentIo.exports(exports.resolve("incidentio"));
      fixture.pagerDuty.exports(exports.resolve("pagerduty"));
      fixture.slack.export(exports.resolve("slack"));
      fixture.jira.exports(exports.resolve("jira"));
      fixture.environment.put("INCIDENTS_SOURCES_SLACK_CHANNELS", "*");
      fixture.slack.shortPage(100);
      fixture.slack.faults(7, 0.02);
      fixture.jira.faults(8, 0.02);
      fixture.incidentIo.faults(5, 0.02);
      fixture.pagerDuty.faults(6, 0.02);
      PullSummary summary =
          fixture.pull(
              PullSource.INCIDENTIO, PullSource.PAGERDUTY, PullSource.SLACK, PullSource.JIRA);
      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();

      for (TableSchema table : TABLES) {
        assertThat(rows(fixture.lake, table)).as(table.name()).isEqualTo(rows(direct, table));
      }
      assertThat(fixture.rows(LakeTables.INCIDENTS)).isPositive();
      for (PullCounters counters : summary.counters().values()) {
        System.out.printf(
            "%s org: %s, %.1f s%n",
            size.name().toLowerCase(Locale.ROOT), counters.line(), counters.seconds());
      }
    }
  }

  /** Every row but its source file, which names the export file or the raw page. */
  static Set<String> rows(Lake lake, TableSchema table) {
    int sourceFile =
        table.columns().stream().anyMatch(c -> c.name().equals("source_file"))
            ? table.indexOf("source_file")
            : -1;
    List<String> rows = new ArrayList<>();
    lake.read(
        table,
        row -> {
          Object[] copy = row.clone();
          if (sourceFile >= 0) {
            copy[sourceFile] = null;
          }
          rows.add(Arrays.deepToString(copy));
        });
    return rows.stream().collect(Collectors.toSet());
  }
}
