package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.ingest.json.Timestamps;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Every timestamp trap of docs/formats.md, one test each. */
class TimestampTrapsTest {
  @Test
  void slackTsIsSplitAtTheDotNeverParsedAsADouble() {
    // As a double, these two would be equal; as strings split at the dot they are one microsecond
    // apart.
    Instant first = Timestamps.slackTs("ts", "1512085950.000216");
    Instant second = Timestamps.slackTs("ts", "1512085950.000217");
    assertThat(Double.parseDouble("1512085950.000216") == Double.parseDouble("1512085950.0002161"))
        .isTrue();
    assertThat(second).isEqualTo(first.plusNanos(1_000));
    assertThat(first).isEqualTo(Instant.ofEpochSecond(1512085950L, 216_000));
    assertThatThrownBy(() -> Timestamps.slackTs("ts", "1.5e9"))
        .hasMessage("Invalid ts: '1.5e9' is not a Slack ts (seconds.micros)");
  }

  @Test
  void jiraOffsetsWithoutAColon() {
    assertThat(Timestamps.iso("created", "2015-12-02T07:39:15.000-0800"))
        .isEqualTo(Instant.parse("2015-12-02T15:39:15Z"));
  }

  @Test
  void pagerDutyAnalyticsTimestampsHaveNoZone() {
    assertThat(Timestamps.iso("created_at", "2023-05-31T10:05:00", ZoneId.of("America/New_York")))
        .isEqualTo(Instant.parse("2023-05-31T14:05:00Z"));
    assertThatThrownBy(() -> Timestamps.iso("created_at", "2023-05-31T10:05:00"))
        .hasMessage("Invalid created_at: '2023-05-31T10:05:00' has no time zone");
  }

  @Test
  void opsgenieMillisecondsAndNanosecondsInOnePayload() {
    assertThat(Timestamps.epochByMagnitude("createdAt", 1420452191104L))
        .isEqualTo(Instant.parse("2015-01-05T10:03:11.104Z"));
    assertThat(Timestamps.epochByMagnitude("updatedAt", 1420452374669001603L))
        .isEqualTo(Instant.parse("2015-01-05T10:06:14.669001603Z"));
    assertThat(Timestamps.epochByMagnitude("at", 1420452191L))
        .isEqualTo(Instant.parse("2015-01-05T10:03:11Z"));
  }

  @Test
  void alertmanagerYearOneEndsAtMeansStillFiring() {
    assertThat(Timestamps.GO_ZERO_TIME).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(Timestamps.iso("endsAt", "2018-03-07T06:33:21.873077559-05:00"))
        .isEqualTo(Instant.parse("2018-03-07T11:33:21.873077559Z"));
  }

  @Test
  void variableFractionalSeconds() {
    assertThat(Timestamps.iso("t", "2023-10-24T09:27:22.72Z"))
        .isEqualTo(Instant.parse("2023-10-24T09:27:22.720Z"));
    assertThat(Timestamps.iso("t", "2024-06-03T14:03:47.6Z"))
        .isEqualTo(Instant.parse("2024-06-03T14:03:47.600Z"));
    assertThat(Timestamps.iso("t", "2025-10-09T13:03:04+00:00"))
        .isEqualTo(Instant.parse("2025-10-09T13:03:04Z"));
    assertThat(Timestamps.iso("t", "2020-02-06T00:17:58.432911368Z"))
        .isEqualTo(Instant.parse("2020-02-06T00:17:58.432911368Z"));
  }

  @Test
  void statuspageLocalOffsets() {
    assertThat(Timestamps.iso("display_at", "2019-02-20T12:00:19.418-06:00"))
        .isEqualTo(Instant.parse("2019-02-20T18:00:19.418Z"));
    assertThat(
            dev.incidents.ingest.statuspage.StatuspageReader.htmlToText(
                "<p>We are <strong>investigating</strong>&nbsp;errors &amp; timeouts.</p><ul><li>API</li></ul>"))
        .isEqualTo("We are investigating errors & timeouts.\nAPI");
  }

  @Test
  void twentyDigitIdsStayStrings() {
    String id = dev.incidents.core.model.Ids.of("statuspage", "incident", "14970871909327597787");
    assertThat(id).endsWith("14970871909327597787");
  }

  @Test
  void badTimestampsSayWhatAndWhich() {
    assertThatThrownBy(() -> Timestamps.iso("created_at", "2023-13-45T99:00:00Z"))
        .isInstanceOf(RecordException.class)
        .hasMessage("Invalid created_at: '2023-13-45T99:00:00Z' is not an ISO-8601 timestamp");
  }
}
