package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.SourceStats;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Continuous feeds: every source owns its rows, and links and identities are derived in the
 * transform, so the lake comes out the same whatever the order and grouping of ingests.
 */
class ContinuousFeedsTest {
  private static final Instant AS_OF = Instant.parse("2026-07-01T00:00:00Z");
  private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
  private static final Path INGEST_SCENARIOS = Path.of("../ingest/src/test/resources/scenarios");

  @TempDir Path directory;

  static IngestSummary ingest(Lake lake, Path... paths) {
    return new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(paths), bytes -> {});
  }

  static void transform(Lake lake) {
    Config config = Config.defaults();
    TransformParameters parameters =
        TransformParameters.from(config, AS_OF, config.getZone(ConfigKeys.REPORT_TIMEZONE));
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    } catch (Exception e) {
      throw new AssertionError("transform failed", e);
    }
  }

  static List<List<String>> rows(Lake lake, String sql) {
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (Exception e) {
      throw new AssertionError("Query failed: " + sql, e);
    }
  }

  /** Every row of every table but the run log, as sorted text: what a user can query. */
  static Map<String, List<String>> snapshot(Lake lake) {
    Map<String, List<String>> tables = new TreeMap<>();
    for (TableSchema table : LakeTables.ALL) {
      if (table == LakeTables.INGEST_RUNS
          || table == LakeTables.INCIDENT_EMBEDDINGS
          || table == LakeTables.QUARANTINE) {
        continue;
      }
      List<String> lines =
          rows(lake, "SELECT * FROM " + table.name()).stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.toList());
      tables.put(table.name(), lines);
    }
    return tables;
  }

  @Test
  void linksAcrossToolsAreDerivedWhateverTheIngestOrder() {
    Path incident =
        INGEST_SCENARIOS.resolve("IncidentIoIncidentNamedByTimestampsWithTrailingAt.json");
    Path slack = INGEST_SCENARIOS.resolve("SlackIncidentChannelWithIncCommands");
    Path postmortem = INGEST_SCENARIOS.resolve("PostmortemPublishedLinksByNumber.md");
    Lake together = new Lake(directory.resolve("together"));
    ingest(together, incident, slack, postmortem);
    transform(together);
    // Chat and the post-mortem first, the incident tool last: the links still resolve.
    Lake apart = new Lake(directory.resolve("apart"));
    ingest(apart, postmortem);
    ingest(apart, slack);
    ingest(apart, incident);
    transform(apart);
    assertThat(snapshot(apart)).isEqualTo(snapshot(together));
    assertThat(
            rows(
                together,
                "SELECT source_key, entity, incident_id, match FROM incident_links ORDER BY source_key"))
        .containsExactly(
            List.of(
                "incidentio:incident:01HZZ42", "incident", "incidentio:incident:01HZZ42", "self"),
            List.of("postmortems:ref:42", "reference", "incidentio:incident:01HZZ42", "reference"),
            List.of(
                rows(together, "SELECT min(incident_id) FROM chat_messages").get(0).get(0),
                "channel",
                "incidentio:incident:01HZZ42",
                "channel_id"));
    assertThat(
            rows(together, "SELECT lead, postmortem_published_at IS NOT NULL FROM incident_facts"))
        .containsExactly(List.of("Ben Silva", "true"));
  }

  @Test
  void onePersonAcrossSlackPagerDutyAndIncidentIo() {
    Path scenario = SCENARIOS.resolve("OnePersonAcrossSlackPagerDutyAndIncidentIo");
    Lake lake = new Lake(directory.resolve("lake"));
    IngestSummary summary = ingest(lake, scenario);
    assertThat(summary.quarantined()).isZero();
    transform(lake);
    assertThat(
            rows(
                lake,
                "SELECT person_id, canonical_person_id, display_name, match FROM person_identities ORDER BY person_id"))
        .containsExactly(
            // incident.io's user carries no email, but Slack's id, whose person has one.
            List.of(
                "incidentio:user:01USERALICE",
                "person:email:alice@example.com",
                "Alice A.",
                "slack_user_id"),
            // Same name as Slack's Bob Stone, another email: another person.
            List.of(
                "jira:user:5b10ac8d82e05b22cc7d4ef5",
                "person:email:bob.stone@other.example",
                "Bob Stone",
                "email"),
            List.of("pagerduty:user:PALICE", "person:email:alice@example.com", "Alice A.", "email"),
            // Known only by name, in one tool.
            List.of("pagerduty:user:PCAROL", "person:name:carol night", "Carol Night", "name"),
            List.of("slack:user:U01ALICE", "person:email:alice@example.com", "Alice A.", "email"),
            List.of(
                "slack:user:U02BOB", "person:email:bob.stone@example.com", "Bob Stone", "email"));
    // One responder row for Alice, shown by name, not by email.
    assertThat(
            rows(
                lake,
                "SELECT person_id, responder, pages, incidents_led FROM responder_load ORDER BY person_id"))
        .containsExactly(
            List.of("person:email:alice@example.com", "Alice A.", "1", "1"),
            List.of("person:name:carol night", "Carol Night", "1", "0"));
    // incident.io INC-7 and PagerDuty #7 are one incident; PagerDuty's pages count for it.
    assertThat(
            rows(
                lake,
                "SELECT source_key, incident_id, match FROM incident_links WHERE entity = 'incident' ORDER BY source_key"))
        .containsExactly(
            List.of("incidentio:incident:01HINC7", "incidentio:incident:01HINC7", "self"),
            List.of("pagerduty:incident:PINC7", "incidentio:incident:01HINC7", "number"));
    assertThat(
            rows(
                lake,
                "SELECT incident_id, severity, lead, lead_person_id, paged_source, time_to_acknowledge_s FROM incident_facts"))
        .containsExactly(
            List.of(
                "incidentio:incident:01HINC7",
                "SEV1",
                "Alice A.",
                "person:email:alice@example.com",
                "explicit",
                "120"));
    assertThat(rows(lake, "SELECT action_item_id, incident_id, owner FROM action_item_facts"))
        .containsExactly(List.of("jira:issue:OPS-70", "incidentio:incident:01HINC7", "Bob Stone"));
  }

  @Test
  void aPagerDutyIncidentTitledWithTheIncidentToolsReferenceIsThatIncident() {
    Path scenario = SCENARIOS.resolve("PagerDutyIncidentTitledWithTheIncidentToolReference");
    Lake lake = new Lake(directory.resolve("lake"));
    ingest(lake, scenario);
    transform(lake);
    assertThat(
            rows(
                lake,
                "SELECT source_key, incident_id, match FROM incident_links ORDER BY source_key"))
        .containsExactly(
            List.of("incidentio:incident:01HINC7", "incidentio:incident:01HINC7", "self"),
            List.of("pagerduty:incident:PREF900", "incidentio:incident:01HINC7", "reference"),
            // A reference to an incident nobody has links nothing.
            List.of("pagerduty:incident:PREF901", "pagerduty:incident:PREF901", "self"));
    assertThat(rows(lake, "SELECT count(*) FROM incident_facts")).containsExactly(List.of("2"));
  }

  @Test
  void twoToolsDeliveringOneFiringCountItOnce() {
    Path scenario = SCENARIOS.resolve("AlertmanagerFiringDeliveredAgainByPagerDuty");
    Lake lake = new Lake(directory.resolve("lake"));
    ingest(lake, scenario);
    transform(lake);
    assertThat(rows(lake, "SELECT count(*) FROM alerts")).containsExactly(List.of("5"));
    assertThat(
            rows(
                lake,
                "SELECT alert_id, duplicate_of, match FROM alert_duplicates ORDER BY alert_id"))
        .containsExactly(
            List.of(
                "pagerduty:alert:PALERT1",
                rows(
                        lake,
                        "SELECT alert_id FROM alerts WHERE fingerprint = '4c2b8d6f1a3e5b7c' AND source = 'alertmanager'")
                    .get(0)
                    .get(0),
                "fingerprint"),
            List.of(
                "pagerduty:alert:PALERT2",
                rows(lake, "SELECT alert_id FROM alerts WHERE fingerprint = '9d8e7f6a5b4c3d2e'")
                    .get(0)
                    .get(0),
                "rule_service_time"));
    assertThat(
            rows(
                lake,
                "SELECT source, rule, deliveries, link, incident_id FROM alert_links ORDER BY fired_at"))
        .containsExactly(
            List.of("alertmanager", "CheckoutErrors", "2", "explicit", "pagerduty:incident:PINC9"),
            List.of("alertmanager", "CheckoutLatency", "2", "explicit", "pagerduty:incident:PINC9"),
            List.of("pagerduty", "DiskFull", "1", "explicit", "pagerduty:incident:PINC9"));
    assertThat(rows(lake, "SELECT linked_alerts FROM incident_facts"))
        .containsExactly(List.of("3"));
  }

  /**
   * {@code GET /incidents/{id}/notes} in the shape of PagerDuty's API reference (its example
   * response: a user's note and an event rule's), saved under the incident's path, as {@code
   * incidents pull} lays it out. The response itself names no incident.
   */
  @Test
  void pagerDutyNotesLandInTheTimelineAsNotes() throws Exception {
    Path scenario = SCENARIOS.resolve("PagerDutyNotesOfOneIncident");
    Lake lake = new Lake(directory.resolve("lake"));
    IngestSummary summary = ingest(lake, scenario);
    assertThat(summary.quarantined()).isZero();
    assertThat(
            rows(
                lake,
                "SELECT incident_id, kind, actor, text, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S'), attributes['author_type'] FROM timeline_events ORDER BY occurred_at"))
        .containsExactly(
            List.of(
                "pagerduty:incident:PT4KHLK",
                "note",
                "A Global Event Rule",
                "Initial alert information indicates a 1-alarm fire",
                "2013-03-06T20:28:42",
                "bot_user_reference"),
            List.of(
                "pagerduty:incident:PT4KHLK",
                "note",
                "Earline Greenholt",
                "Firefighters are on the scene.",
                "2013-03-06T20:28:51",
                "user_reference"));
    // The user is a person of PagerDuty's; the event rule is not a person.
    assertThat(rows(lake, "SELECT person_id, name FROM people"))
        .containsExactly(List.of("pagerduty:user:PXPGF42", "Earline Greenholt"));
    // Saved anywhere else, the notes still land, marked unlinked rather than dropped.
    Path elsewhere = directory.resolve("saved/notes.json");
    Files.createDirectories(elsewhere.getParent());
    Files.copy(scenario.resolve("incidents/PT4KHLK/notes.json"), elsewhere);
    Lake second = new Lake(directory.resolve("second"));
    ingest(second, elsewhere);
    assertThat(
            rows(
                second,
                "SELECT count(*), count(incident_id), min(attributes['unlinked']) FROM timeline_events"))
        .containsExactly(List.of("2", "0", "true"));
  }

  /** The inputs of a generated export, each a unit a user might ingest on its own. */
  static List<Path> units(Path exports) throws Exception {
    List<Path> units = new ArrayList<>();
    try (Stream<Path> tools = Files.list(exports)) {
      for (Path tool : tools.sorted().collect(Collectors.toList())) {
        String name = tool.getFileName().toString();
        if (name.equals("truth.json") || name.equals("slack-export.zip")) {
          continue;
        }
        if (name.equals("slack") || !Files.isDirectory(tool)) {
          units.add(tool);
          continue;
        }
        try (Stream<Path> files = Files.walk(tool)) {
          files.filter(Files::isRegularFile).sorted().forEach(units::add);
        }
      }
    }
    return units;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void anyOrderAndGroupingWithRepeatsGivesTheSameLake(long seed) throws Exception {
    Path exports = GeneratedLake.exports(21);
    Lake reference = new Lake(directory.resolve("reference"));
    ingest(reference, exports);
    transform(reference);
    Map<String, List<String>> expected = snapshot(reference);

    Random random = new Random(seed);
    List<Path> units = units(exports);
    List<Path> feed = new ArrayList<>(units);
    for (int i = 0; i < 3; i++) {
      feed.add(units.get(random.nextInt(units.size()))); // re-downloaded exports
    }
    Collections.shuffle(feed, random);
    Lake lake = new Lake(directory.resolve("shuffled"));
    int position = 0;
    int runs = 0;
    while (position < feed.size()) {
      int group = 1 + random.nextInt(4);
      List<Path> batch = feed.subList(position, Math.min(feed.size(), position + group));
      ingest(lake, batch.toArray(Path[]::new));
      position += group;
      runs++;
    }
    assertThat(runs).isGreaterThan(3);
    transform(lake);
    Map<String, List<String>> actual = snapshot(lake);
    for (String table : expected.keySet()) {
      assertThat(actual.get(table))
          .as(table + " after " + runs + " runs")
          .isEqualTo(expected.get(table));
    }
  }

  @Test
  void reIngestingOneSourceAfterAFullIngestChangesNoRow() throws Exception {
    Path exports = GeneratedLake.exports(22);
    Lake lake = new Lake(directory.resolve("lake"));
    ingest(lake, exports);
    transform(lake);
    Map<String, List<String>> before = snapshot(lake);
    long dueBefore =
        Long.parseLong(rows(lake, "SELECT count(due_date) FROM action_item_facts").get(0).get(0));
    assertThat(dueBefore).isPositive();
    IngestSummary again = ingest(lake, exports.resolve("incidentio"));
    SourceStats stats = again.sources().get("incidentio");
    assertThat(stats.read())
        .isEqualTo(stats.written() + stats.duplicates() + stats.quarantined() + stats.ignored());
    // Only the source that was fed has a run row: no phantom Slack row.
    assertThat(again.sources().keySet()).containsExactly("incidentio");
    transform(lake);
    assertThat(snapshot(lake)).isEqualTo(before);
  }
}
