package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded checks over generated organisations: the phases of every resolved incident sum exactly to
 * its time to resolve, and wherever the exports record every point explicitly, incident_facts
 * reproduces the simulation's own truth.json.
 */
class GeneratorTruthTest {
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void factsMatchTheSimulationsTruthAndPhasesSumToTtr(long seed) throws Exception {
    Lake lake = GeneratedLake.lake(seed);
    TransformParameters parameters = GeneratedLake.parameters();
    TransformJob.Computed computed;
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      computed = new TransformJob(lake, parameters).compute(engine, (step, seconds) -> {});
    }
    TableSchema facts = LakeTables.INCIDENT_FACTS;
    Map<String, Object[]> byReference = new HashMap<>();
    int resolved = 0;
    for (Object[] row : computed.outputs().get(facts)) {
      byReference.put((String) row[facts.indexOf("reference")], row);
      Long ttr = (Long) row[facts.indexOf("time_to_resolve_s")];
      if (ttr != null) {
        resolved++;
        long sum = 0;
        for (String phase :
            List.of(
                "phase_detect_s",
                "phase_assemble_s",
                "phase_troubleshoot_s",
                "phase_mitigate_s",
                "phase_cleanup_s")) {
          long value = (Long) row[facts.indexOf(phase)];
          assertThat(value).as(phase).isGreaterThanOrEqualTo(0);
          sum += value;
        }
        assertThat(sum).as("phases of " + row[facts.indexOf("reference")]).isEqualTo(ttr);
      }
    }
    assertThat(resolved).isGreaterThan(10);

    JsonNode truth =
        new ObjectMapper()
            .readTree(GeneratedLake.exports(seed).resolve("truth.json").toFile())
            .get("incidents");
    int compared = 0;
    for (JsonNode incident : truth) {
      Object[] row = byReference.get(incident.get("reference").asText());
      assertThat(row).as(incident.get("reference").asText()).isNotNull();
      assertThat(row[facts.indexOf("counted")]).isEqualTo(incident.get("counted").asBoolean());
      JsonNode recorded = incident.get("recorded");
      boolean allRecorded =
          recorded.get("impact_started_at").asBoolean()
              && recorded.get("assembled_at").asBoolean()
              && recorded.get("identified_at").asBoolean()
              && recorded.get("mitigated_at").asBoolean();
      if (!incident.has("phases_s")
          || !allRecorded
          || incident.get("flags").get("identified_recorded_out_of_order").asBoolean()) {
        continue;
      }
      compared++;
      String reference = incident.get("reference").asText();
      assertThat(row[facts.indexOf("time_to_resolve_s")])
          .as(reference + " ttr")
          .isEqualTo(incident.get("time_to_resolve_s").asLong());
      assertThat(row[facts.indexOf("time_to_mitigate_s")])
          .as(reference + " ttm")
          .isEqualTo(incident.get("time_to_mitigate_s").asLong());
      JsonNode phases = incident.get("phases_s");
      assertThat(row[facts.indexOf("phase_detect_s")])
          .as(reference)
          .isEqualTo(phases.get("detect").asLong());
      assertThat(row[facts.indexOf("phase_assemble_s")])
          .as(reference)
          .isEqualTo(phases.get("assemble").asLong());
      assertThat(row[facts.indexOf("phase_troubleshoot_s")])
          .as(reference)
          .isEqualTo(phases.get("troubleshoot").asLong());
      assertThat(row[facts.indexOf("phase_mitigate_s")])
          .as(reference)
          .isEqualTo(phases.get("mitigate").asLong());
      assertThat(row[facts.indexOf("phase_cleanup_s")])
          .as(reference)
          .isEqualTo(phases.get("cleanup").asLong());
      if (incident.has("time_to_acknowledge_s")) {
        assertThat(row[facts.indexOf("time_to_acknowledge_s")])
            .as(reference + " tta")
            .isEqualTo(incident.get("time_to_acknowledge_s").asLong());
      }
    }
    assertThat(compared).isGreaterThan(5);
  }

  /**
   * People and alerts across tools: the simulation's lead and paged people are one canonical person
   * each (by email, whichever tool names them), and each incident's alerts, delivered by both
   * Alertmanager and PagerDuty, count once.
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22})
  void peopleAndAlertsAcrossToolsMatchTheTruth(long seed) throws Exception {
    Lake lake = GeneratedLake.lake(seed);
    TransformParameters parameters = GeneratedLake.parameters();
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    }
    JsonNode truth =
        new ObjectMapper()
            .readTree(GeneratedLake.exports(seed).resolve("truth.json").toFile())
            .get("incidents");
    java.util.Set<String> pagedPeople = new java.util.TreeSet<>();
    int leads = 0;
    int alertsCompared = 0;
    try (java.sql.Connection connection = dev.incidents.lake.LakeViews.open(lake);
        java.sql.Statement statement = connection.createStatement()) {
      for (JsonNode incident : truth) {
        String reference = incident.get("reference").asText();
        for (JsonNode email : incident.get("paged_emails")) {
          pagedPeople.add("person:email:" + email.asText().toLowerCase(java.util.Locale.ROOT));
        }
        try (java.sql.ResultSet row =
            statement.executeQuery(
                "SELECT lead_person_id, incident_id FROM incident_facts WHERE reference = '"
                    + reference
                    + "'")) {
          assertThat(row.next()).as(reference).isTrue();
          String incidentId = row.getString(2);
          if (incident.get("recorded").get("assembled_at").asBoolean()
              && !incident.get("lead_email").isNull()) {
            assertThat(row.getString(1))
                .as(reference + " lead")
                .isEqualTo(
                    "person:email:"
                        + incident.get("lead_email").asText().toLowerCase(java.util.Locale.ROOT));
            leads++;
          }
          if (!incident.get("pagerduty_id").isNull()) {
            try (java.sql.ResultSet alerts =
                statement.executeQuery(
                    "SELECT (SELECT count(*) FROM alert_links WHERE link = 'explicit' AND incident_id = '"
                        + incidentId
                        + "'), (SELECT count(*) FROM alert_duplicates d JOIN alert_links k ON k.alert_id = d.duplicate_of"
                        + " WHERE d.match = 'fingerprint' AND k.incident_id = '"
                        + incidentId
                        + "')")) {
              alerts.next();
              long linked = incident.get("linked_alerts").asLong();
              assertThat(alerts.getLong(1)).as(reference + " explicit alerts").isEqualTo(linked);
              // The generator delivers every alert of a paged incident through Alertmanager and
              // PagerDuty, but the paging alert only through PagerDuty.
              assertThat(alerts.getLong(2))
                  .as(reference + " delivered twice, matched by fingerprint")
                  .isEqualTo(Math.max(0, linked - 1));
              alertsCompared++;
            }
          }
        }
      }
      java.util.Set<String> responders = new java.util.TreeSet<>();
      try (java.sql.ResultSet rows =
          statement.executeQuery("SELECT DISTINCT person_id FROM responder_load WHERE pages > 0")) {
        while (rows.next()) {
          responders.add(rows.getString(1));
        }
      }
      assertThat(responders).isEqualTo(pagedPeople);
    }
    assertThat(leads).isGreaterThan(5);
    assertThat(alertsCompared).isGreaterThan(5);
    // One part file per month folder: the derived rows are written in partition order.
    java.util.Set<String> months = new java.util.TreeSet<>();
    for (java.nio.file.Path file : lake.files(LakeTables.ALERT_LINKS)) {
      months.add(file.getParent().getFileName().toString());
    }
    assertThat(lake.files(LakeTables.ALERT_LINKS)).hasSameSizeAs(months);
  }
}
