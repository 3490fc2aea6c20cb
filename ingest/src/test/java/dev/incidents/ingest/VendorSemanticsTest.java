package dev.incidents.ingest;

import static dev.incidents.ingest.ScenarioFixturesTest.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.model.AlertFingerprint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: vendor semantics that real exports carry, one scenario fixture each, written from the
 * vendor's documentation (cited per test).
 */
class VendorSemanticsTest {
  @TempDir Path directory;

  /**
   * Alertmanager's webhook payload
   * (prometheus.io/docs/alerting/latest/configuration/#webhook_config) carries a per-alert {@code
   * status} ("resolved" or "firing"); it decides. An unset endsAt is Go's zero time. The second
   * alert's resolve time is the payload's own evidence: the latest endsAt of its resolved alerts
   * (10:20).
   */
  @Test
  void alertmanagerPerAlertStatusDecidesAndAZeroEndsAtResolvesAtThePayloadsEvidence() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("AlertmanagerResolvedAlertWithZeroEndsAt.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT labels['instance'], status, strftime(resolved_at, '%H:%M:%S'),"
                    + " labels['ingest.resolved_source'] FROM alerts ORDER BY fired_at"))
        .containsExactly(
            Arrays.asList("checkout-1:8080", "resolved", "10:20:00", null),
            Arrays.asList("checkout-2:8080", "resolved", "10:20:00", "payload_latest_ends_at"));
  }

  /**
   * Without any status (per alert or "resolved" for the group), Alertmanager's own rule decides
   * (types.Alert.Resolved / ResolvedAt in prometheus/alertmanager): an endsAt that is set and not
   * after the reference time has ended then. With no receipt time the reference is the latest
   * startsAt (10:00), a lower bound of when the payload was sent: 09:30 has passed, 10:05 may not.
   */
  @Test
  void alertmanagerWithoutStatusAnEndsAtInThePastMeansEndedThen() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("AlertmanagerPayloadWithoutStatusEndsAtInThePast.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT labels['queue'], status, strftime(resolved_at, '%H:%M:%S'),"
                    + " labels['ingest.resolved_source'] FROM alerts ORDER BY fired_at"))
        .containsExactly(
            Arrays.asList("payments", "resolved", "09:30:00", "ends_at_past"),
            Arrays.asList("refunds", "firing", null, null));
  }

  /**
   * A fingerprint is a hash of the labels (Alertmanager's webhook docs: "fingerprint: a hash of the
   * alert's labels"), so one fingerprint with two label sets in one payload is two alerts; they are
   * kept apart by the Prometheus fingerprint of their own labels and counted in the summary.
   */
  @Test
  void alertmanagerSameFingerprintWithDifferentLabelsIsTwoAlertsAndCounted() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("AlertmanagerSameFingerprintDifferentLabels.json"));
    assertThat(summary.quarantined()).isZero();
    String db1 =
        AlertFingerprint.of(
            Map.of("alertname", "DiskFull", "job", "storage", "instance", "db-1:9100"));
    String db2 =
        AlertFingerprint.of(
            Map.of("alertname", "DiskFull", "job", "storage", "instance", "db-2:9100"));
    assertThat(
            lake.rows(
                "SELECT alert_id, fingerprint, labels['instance'] FROM alerts ORDER BY alert_id"))
        .containsExactlyInAnyOrder(
            List.of(
                "alertmanager:alert:0f0f0f0f0f0f0f0f+" + db1 + "@2026-04-04T08:00:00Z",
                "0f0f0f0f0f0f0f0f",
                "db-1:9100"),
            List.of(
                "alertmanager:alert:0f0f0f0f0f0f0f0f+" + db2 + "@2026-04-04T08:00:00Z",
                "0f0f0f0f0f0f0f0f",
                "db-2:9100"));
    SourceStats stats = summary.sources().get("alertmanager");
    assertThat(stats.observations())
        .containsExactly(
            Map.entry(
                dev.incidents.ingest.alertmanager.AlertmanagerReader.FINGERPRINT_COLLISION, 2L));
    assertThat(List.of(stats.read(), stats.written())).containsExactly(1L, 1L);
  }
}
