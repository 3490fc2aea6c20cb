package dev.incidents.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.schema.TableSchema.TableKind;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LakeTablesTest {
  @Test
  void definesEveryPublicTableOnce() {
    Set<String> names = LakeTables.ALL.stream().map(TableSchema::name).collect(Collectors.toSet());
    assertThat(names)
        .containsExactlyInAnyOrder(
            "incidents",
            "timeline_events",
            "alerts",
            "pages",
            "chat_messages",
            "action_items",
            "people",
            "services",
            "quarantine",
            "ingest_runs",
            "incident_links",
            "person_identities",
            "action_item_links",
            "alert_duplicates",
            "alert_links",
            "incident_facts",
            "monthly_metrics",
            "alert_rule_stats",
            "responder_load",
            "action_item_facts",
            "data_quality",
            "incident_embeddings",
            "pull_state");
    assertThat(LakeTables.ALL.stream().filter(t -> t.kind() == TableKind.DERIVED).count())
        .isEqualTo(12);
  }

  @Test
  void monthlyMetricsCarriesEveryDurationAggregateOfMetricsMd() {
    TableSchema table = LakeTables.MONTHLY_METRICS;
    for (String metric : LakeTables.DURATION_METRICS) {
      assertThat(table.column("n_" + metric).type()).isEqualTo(ColumnType.BIGINT);
      assertThat(table.column("mean_" + metric + "_s").type()).isEqualTo(ColumnType.DOUBLE);
      assertThat(table.column("p50_" + metric + "_s").type()).isEqualTo(ColumnType.DOUBLE);
      assertThat(table.column("p90_" + metric + "_s").type()).isEqualTo(ColumnType.DOUBLE);
    }
    assertThat(table.column("n_time_to_resolve").name()).isEqualTo("n_time_to_resolve");
  }

  @Test
  void incidentFactsHasASourceColumnForEveryMilestone() {
    for (String milestone : LakeTables.MILESTONES) {
      assertThat(LakeTables.INCIDENT_FACTS.column(milestone + "_at").type())
          .isEqualTo(ColumnType.TIMESTAMP);
      assertThat(LakeTables.INCIDENT_FACTS.column(milestone + "_source").required()).isTrue();
    }
  }

  @Test
  void rowBuilderChecksNamesTypesAndRequiredColumns() {
    assertThatThrownBy(() -> new RowBuilder(LakeTables.PEOPLE).set("nmae", "x"))
        .hasMessage("Table people has no column nmae");
    assertThatThrownBy(() -> new RowBuilder(LakeTables.PEOPLE).set("name", 3L))
        .hasMessage("Invalid value for column name (STRING): Long");
    assertThatThrownBy(() -> new RowBuilder(LakeTables.PEOPLE).set("person_id", "a:b:c").build())
        .hasMessage("Invalid row for people: required column name is null");
  }
}
