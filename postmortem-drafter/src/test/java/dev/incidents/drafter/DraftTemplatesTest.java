package dev.incidents.drafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.config.Config;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's organisation (small, seed 1, three months from 2026-09, as the demo generates it in
 * December 2026) and its latest resolved SEV1, drafted under every template. Each golden file is
 * checked against an independent list of assertions before it is compared; regenerate them only
 * with the system property {@code incidents.golden.update=true} (docs/drafts.md).
 */
class DraftTemplatesTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  @TempDir static Path directory;
  static Lake lake;
  static String latest;
  static IncidentTimeline incident;

  @BeforeAll
  static void demoLake() throws Exception {
    Path exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, 1, exports, YearMonth.of(2026, 9)), tool -> {});
    lake = new Lake(directory.resolve("lake"));
    new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(exports), bytes -> {});
    TransformParameters parameters =
        TransformParameters.from(Config.defaults(), NOW, ZoneId.of("UTC"));
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    }
    try (Connection connection = LakeViews.open(lake);
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT reference FROM incident_facts WHERE counted AND severity = 'SEV1' AND resolved_at IS NOT NULL ORDER BY resolved_at DESC LIMIT 1")) {
      assertThat(result.next()).isTrue();
      latest = result.getString(1);
      incident =
          IncidentTimeline.load(connection, IncidentTimeline.resolve(connection, latest).get());
    }
  }

  static String draft(String template, DraftSettings settings) throws Exception {
    Path out = directory.resolve(template.replace('/', '_') + "/" + latest + ".md");
    try (Connection connection = LakeViews.open(lake)) {
      new Drafter(
              lake,
              settings,
              new LlmSettings("none", "", "", "", Duration.ofSeconds(5), 0, 6000, 8192),
              10)
          .draft(connection, latest, template, out, NOW);
    }
    return Files.readString(out);
  }

  static List<String> timelineRows(String text) {
    String timeline = text.substring(text.indexOf("| Time (UTC) |"));
    timeline = timeline.substring(0, timeline.indexOf("\n\n"));
    return timeline.lines().filter(line -> line.startsWith("| 2026-")).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"google", "pagerduty", "atlassian"})
  void eachTemplateMatchesItsGoldenFileAndItsAssertions(String template) throws Exception {
    String text = draft(template, DraftSettings.defaults(ZoneId.of("UTC")));
    // The independent assertions, checked before the comparison.
    List<String> rows = timelineRows(text);
    assertThat(rows.size()).as("rows under the cap of 40").isLessThanOrEqualTo(40);
    assertThat(rows).as("no duplicate rows").doesNotHaveDuplicates();
    assertThat(text).as("one time column in UTC").doesNotContain("| Time (UTC) | Time (UTC) |");
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (IncidentTimeline.Milestone milestone : incident.facts().milestones().values()) {
      if (milestone.at().isPresent()) {
        String time = format.format(milestone.at().get().atZone(ZoneId.of("UTC")));
        assertThat(text)
            .as("milestone " + milestone.name() + " with how it was obtained")
            .contains(
                "| "
                    + milestone.name().replace('_', ' ')
                    + " | "
                    + time
                    + " UTC | "
                    + milestone.source());
        assertThat(rows)
            .as("milestone " + milestone.name() + " on the timeline")
            .anyMatch(
                row ->
                    row.startsWith("| " + time)
                        && row.contains(
                            "**Milestone " + milestone.name().replace('_', ' ') + "**"));
      }
    }
    assertThat(text)
        .doesNotContain("Nobody acknowledged the page")
        .doesNotContain("never acknowledged");
    // One firing delivered by Alertmanager and PagerDuty is one alert (alert_links), and people
    // are shown by their canonical display name, never by email.
    if (text.contains("**Alerts:**")) {
      assertThat(text).contains("**Alerts:** " + incident.facts().linkedAlerts() + " linked");
    }
    assertThat(text.lines().filter(line -> line.contains("[jira:issue:")))
        .as("action item owners by name")
        .noneMatch(line -> line.matches(".*\\| [^|]*@[^|]* \\|.*"));
    for (String row : rows) {
      assertThat(row)
          .as("every row cites its source")
          .matches(".*\\| \\[[^]]+](, \\[[^]]+])* \\|$");
      if (row.contains("Ignore all previous instructions")) {
        assertThat(row).contains(DeterministicDraft.INSTRUCTION_MARK);
      }
    }
    for (Template.Section section : Template.named(template).sections()) {
      assertThat(text).contains("\n## " + section.heading() + "\n");
    }
    String stable = text.replaceFirst("generated_at: .*", "generated_at: GENERATED");
    Path golden = Path.of("src/test/resources/golden/" + template + "-demo-sev1.md");
    if (Boolean.getBoolean("incidents.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, stable);
    }
    assertThat(stable).isEqualTo(Files.readString(golden));
  }

  @Test
  void theDemoSev1DraftIsShortCompleteAndWithoutRepeats() throws Exception {
    String text = draft("google", DraftSettings.defaults(ZoneId.of("Europe/Berlin")));
    List<String> rows = timelineRows(text);
    assertThat(rows.size()).isLessThanOrEqualTo(60);
    assertThat(text).contains("| Time (UTC) | Time (Europe/Berlin) | Event | Source |");
    Map<String, Integer> events = new HashMap<>();
    for (String row : rows) {
      String[] cells = row.split(" \\| ");
      events.merge(cells[2].replaceAll(" ×\\d+$", ""), 1, Integer::sum);
    }
    assertThat(events.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(3));
    for (String milestone : LakeTables.MILESTONES) {
      if (incident.facts().at(milestone).isPresent()) {
        assertThat(text).contains("**Milestone " + milestone.replace('_', ' ') + "**");
      }
    }
    assertThat(text).contains("more chat messages: see the appendix");
    assertThat(text).contains("Time to detect:");
  }

  @Test
  void theFullTimelineAppendsTheWholeChat() throws Exception {
    String text = draft("google", DraftSettings.defaults(ZoneId.of("UTC")).withFullTimeline(true));
    String appendix = text.substring(text.indexOf("## Appendix: chat"));
    assertThat(appendix.lines().filter(line -> line.startsWith("| 2026-")).count())
        .isEqualTo(incident.chat().size());
  }

  @Test
  void aUserTemplateFillsItsPlaceholdersAndRejectsUnknownOnes() throws Exception {
    Path file = directory.resolve("mine.md");
    Files.writeString(
        file, "# {{title}}\n\n## What happened\n\n{{summary}}\n\n## When\n\n{{milestones}}\n");
    String text = draft(file.toString(), DraftSettings.defaults(ZoneId.of("UTC")));
    assertThat(text)
        .contains("# " + incident.facts().title())
        .contains("## What happened\n\n- **What:** ")
        .contains("| Milestone | Time | How it was obtained |")
        .contains("template: mine.md");
    Files.writeString(file, "{{summary}} {{cause}}");
    assertThatThrownBy(() -> Template.named(file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Unknown placeholder in template mine.md: {{cause}} (known: title, ");
  }

  @Test
  void catchUpSummarisesTheCuratedTimeline() throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      String text =
          new Drafter(
                  lake,
                  DraftSettings.defaults(ZoneId.of("UTC")),
                  new LlmSettings("none", "", "", "", Duration.ofSeconds(5), 0, 6000, 8192),
                  10)
              .catchUp(connection, latest);
      assertThat(text)
          .startsWith("# Catch-up: " + incident.facts().title())
          .contains("## Latest\n\n- ");
    }
  }

  @Test
  void anIncidentNobodyWasPagedForIsNotAskedAboutAcknowledgement() throws Exception {
    String unpaged;
    try (Connection connection = LakeViews.open(lake);
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT reference FROM incident_facts f WHERE paged_at IS NULL AND counted AND NOT EXISTS (SELECT 1 FROM pages p JOIN incident_links l ON l.source_key = p.incident_id WHERE l.incident_id = f.incident_id) ORDER BY reference LIMIT 1")) {
      assertThat(result.next()).as("the demo has an incident nobody was paged for").isTrue();
      unpaged = result.getString(1);
    }
    Path out = directory.resolve("unpaged/" + unpaged + ".md");
    try (Connection connection = LakeViews.open(lake)) {
      new Drafter(
              lake,
              DraftSettings.defaults(ZoneId.of("UTC")),
              new LlmSettings("none", "", "", "", Duration.ofSeconds(5), 0, 6000, 8192),
              10)
          .draft(connection, unpaged, "google", out, NOW);
    }
    assertThat(Files.readString(out))
        .contains("- **Paged:** nothing was paged for this incident")
        .doesNotContain("never acknowledged")
        .doesNotContain("Nobody acknowledged");
  }
}
