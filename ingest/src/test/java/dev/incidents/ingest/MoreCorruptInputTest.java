package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.Config;
import dev.incidents.ingest.input.ArchiveLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corrupt-input suite for the sources whose inputs are not one JSON array of records: Slack
 * exports, Mattermost and canonical JSON Lines, canonical CSV, post-mortem Markdown, Teams and
 * Grafana. Each bad record is quarantined with a reason; every valid record survives.
 */
class MoreCorruptInputTest {
  @TempDir Path directory;

  private LakeFixture lake() {
    return new LakeFixture(directory);
  }

  private IngestSummary ingest(LakeFixture lake, String format, Path file) {
    return new IngestJob(lake.lake, Config.defaults(), Format.parse(format), ArchiveLimits.DEFAULT)
        .run(List.of(file), bytes -> {});
  }

  private Path write(String name, String content) throws Exception {
    Path file = directory.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void slackDayFilesWithBadMessagesKeepTheGoodOnes() throws Exception {
    Path export = directory.resolve("slack");
    Files.createDirectories(export.resolve("general"));
    Files.writeString(
        export.resolve("users.json"),
        "[{\"id\":\"U1\",\"name\":\"ada\",\"real_name\":\"Ada\",\"tz\":\"Europe/London\"}]");
    Files.writeString(export.resolve("channels.json"), "[{\"id\":\"C1\",\"name\":\"general\"}]");
    Files.writeString(
        export.resolve("general/2026-03-01.json"),
        "[\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"ok one\",\"ts\":\"1772323200.000100\"},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"number ts\",\"ts\":1772323201.0001},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"no ts\"},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"bad ts\",\"ts\":\"yesterday\"},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\""
            + "x".repeat(2_000_000)
            + "\",\"ts\":\"1772323202.000100\"},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"ok two\",\"ts\":\"1772323203.000100\"},\n"
            + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"cut off");
    Files.writeString(export.resolve("general/2026-03-02.json"), "");
    LakeFixture lake = lake();
    IngestSummary summary = lake.ingest(export);
    assertThat(lake.rows("SELECT text FROM chat_messages ORDER BY posted_at"))
        .containsExactly(List.of("ok one"), List.of("ok two"));
    String day1 = export.resolve("general/2026-03-01.json").toString();
    String day2 = export.resolve("general/2026-03-02.json").toString();
    assertThat(
            lake.rows(
                "SELECT source_file, error_code, position, message FROM quarantine"
                    + " ORDER BY source_file, position"))
        .containsExactly(
            List.of(
                day1,
                "TRUNCATED",
                "/",
                "Cannot parse " + day1 + ": the file ends mid-record at line 8, column 46"),
            List.of(
                day1,
                "WRONG_TYPE",
                "/1",
                "Invalid ts: expected a string, found a number (1.7723232010001E9); a double would"
                    + " lose precision"),
            List.of(day1, "MISSING_FIELD", "/2", "Missing required field ts"),
            List.of(
                day1,
                "BAD_TIMESTAMP",
                "/3",
                "Invalid ts: 'yesterday' is not a Slack ts (seconds.micros)"),
            List.of(day1, "TOO_LARGE", "/4", "Invalid text: 2000000 characters, more than 1000000"),
            List.of(day2, "TRUNCATED", "/", "Cannot parse " + day2 + ": the file is empty"));
    assertThat(summary.quarantined()).isEqualTo(6);
  }

  @Test
  void canonicalCsvAndJsonLinesRejectBadRowsPrecisely() throws Exception {
    LakeFixture lake = lake();
    Path csv =
        write(
            "people.csv",
            "person_id,name,email,timezone,team\n"
                + "person:email:a@x.com,Ada,a@x.com,Europe/London,payments\n"
                + ",No Id,b@x.com,,\n"
                + "person:email:c@x.com,\"Cy, Jr\",c@x.com,,\n"
                + "person:email:d@x.com,Short row\n");
    IngestSummary csvSummary = ingest(lake, "canonical", csv);
    assertThat(lake.rows("SELECT name FROM people ORDER BY name"))
        .containsExactly(List.of("Ada"), List.of("Cy, Jr"));
    assertThat(csvSummary.quarantined()).isEqualTo(2);
    Path jsonl =
        write(
            "alerts.jsonl",
            "{\"alert_id\":\"x:alert:1\",\"source\":\"x\",\"fired_at\":\"2026-03-01T10:00:00Z\",\"labels\":{\"a\":\"b\"}}\n"
                + "{\"alert_id\":\"x:alert:2\",\"source\":\"x\",\"fired_at\":\"not a time\"}\n"
                + "{\"alert_id\":\"x:alert:3\",\"source\":\"x\",\"fired_at\":\"2026-03-01T11:00:00Z\",\"bogus_column\":1}\n"
                + "{broken json\n"
                + "{\"alert_id\":\"x:alert:4\",\"source\":\"x\",\"fired_at\":\"2026-03-01T12:00:00Z\"}\n");
    IngestSummary jsonSummary = ingest(lake, "canonical", jsonl);
    assertThat(lake.rows("SELECT alert_id FROM alerts ORDER BY alert_id"))
        .containsExactly(List.of("x:alert:1"), List.of("x:alert:4"));
    assertThat(jsonSummary.quarantined()).isEqualTo(3);
    assertThat(
            lake.rows(
                "SELECT source_file, error_code, position, message FROM quarantine"
                    + " ORDER BY source_file, position"))
        .containsExactly(
            List.of(
                jsonl.toString(),
                "BAD_TIMESTAMP",
                "line 2",
                "Invalid fired_at: 'not a time' is not an ISO-8601 timestamp"),
            // The columns are named in alphabetical order, whatever the record's order.
            List.of(
                jsonl.toString(),
                "UNKNOWN_VALUE",
                "line 3",
                "Invalid canonical record: its columns [alert_id, bogus_column, fired_at, source]"
                    + " match no table"),
            List.of(
                jsonl.toString(),
                "MALFORMED_JSON",
                "line 4",
                "Cannot parse "
                    + jsonl
                    + " line 4: Unexpected character ('b' (code 98)): was expecting double-quote to"
                    + " start field name"),
            // CSV positions count the header as line 1.
            List.of(
                csv.toString(),
                "MISSING_FIELD",
                "line 3",
                "Invalid row for people: required column person_id is null"),
            List.of(
                csv.toString(), "MALFORMED_CSV", "line 5", "Invalid row: 2 cells for 5 columns"));
  }

  @Test
  void postmortemsWithoutFrontMatterOrAReferenceAreQuarantined() throws Exception {
    LakeFixture lake = lake();
    ingest(lake, "postmortems", write("no-front-matter.md", "# Just a document\n"));
    ingest(
        lake,
        "postmortems",
        write(
            "not-a-reference.md",
            "---\nincident: banana\nstatus: published\npublished_at: 2026-03-01T00:00:00Z\n---\n"));
    // An incident the lake does not know (yet) is no error at ingest: the post-mortem keeps its
    // own key, and the transform links it once the incident arrives (or lists it as unlinked).
    ingest(
        lake,
        "postmortems",
        write(
            "unknown.md",
            "---\nincident: INC-9999\nstatus: published\npublished_at: 2026-03-01T00:00:00Z\n---\n"));
    ingest(lake, "postmortems", write("unterminated.md", "---\nincident: INC-1\n"));
    assertThat(
            lake.rows("SELECT error_code, position, message FROM quarantine ORDER BY error_code"))
        .containsExactly(
            List.of(
                "MISSING_FIELD",
                "front matter",
                "Missing front matter: the file does not start with ---"),
            List.of("TRUNCATED", "front matter", "Invalid front matter: no closing ---"),
            List.of(
                "UNLINKED",
                "front matter",
                "Invalid incident: 'banana' is not an incident reference (linking.jira-pattern)"));
    assertThat(lake.rows("SELECT incident_id, kind FROM timeline_events"))
        .containsExactly(List.of("postmortems:ref:9999", "milestone"));
  }

  @Test
  void mattermostTeamsAndGrafanaKeepValidRecords() throws Exception {
    LakeFixture lake = lake();
    IngestSummary mattermost =
        ingest(
            lake,
            "mattermost",
            write(
                "export.jsonl",
                "{\"type\":\"version\",\"version\":1}\n"
                    + "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ada\",\"message\":\"hi\",\"create_at\":1553166657086}}\n"
                    + "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"message\":\"no user\",\"create_at\":1553166657087}}\n"
                    + "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ben\",\"message\":\"bad time\",\"create_at\":\"soon\"}}\n"
                    + "not json at all\n"));
    assertThat(mattermost.quarantined()).isEqualTo(3);
    IngestSummary teams =
        ingest(
            lake,
            "teams",
            write(
                "teams.json",
                "[{\"Id\":\"1\",\"CreatedDateTime\":\"2025-08-14T17:26:09.203+00:00\",\"Body\":{\"ContentType\":\"text\",\"Content\":\"hello\"}},"
                    + "{\"CreatedDateTime\":\"2025-08-14T17:26:10+00:00\"},{\"Id\":\"3\",\"CreatedDateTime\":\"14/08/2025\"}]"));
    assertThat(teams.quarantined()).isEqualTo(2);
    assertThat(lake.rows("SELECT text FROM chat_messages ORDER BY text"))
        .containsExactly(List.of("hello"), List.of("hi"));
    IngestSummary grafana =
        ingest(
            lake,
            "grafana",
            write(
                "grafana.json",
                "{\"version\":\"1\",\"orgId\":1,\"status\":\"firing\",\"alerts\":["
                    + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-03-01T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"f1\"},"
                    + "{\"status\":\"firing\",\"startsAt\":\"2026-03-01T10:00:00Z\"}]}"));
    assertThat(grafana.quarantined()).isEqualTo(1);
    assertThat(lake.count("SELECT count(*) FROM alerts WHERE source = 'grafana'")).isEqualTo(1);
    String in = directory.resolve("in").toString();
    assertThat(
            lake.rows(
                "SELECT source, source_file, error_code, position, message FROM quarantine"
                    + " ORDER BY source, source_file, position"))
        .containsExactly(
            List.of(
                "grafana",
                in + "/grafana.json",
                "MISSING_FIELD",
                "/alerts/1",
                "Missing required field labels"),
            List.of(
                "mattermost",
                in + "/export.jsonl",
                "MISSING_FIELD",
                "line 3",
                "Missing required field user"),
            List.of(
                "mattermost",
                in + "/export.jsonl",
                "WRONG_TYPE",
                "line 4",
                "Invalid create_at: expected an integer, found '\"soon\"'"),
            List.of(
                "mattermost",
                in + "/export.jsonl",
                "MALFORMED_JSON",
                "line 5",
                "Cannot parse "
                    + in
                    + "/export.jsonl line 5: Unrecognized token 'not': was expecting (JSON String,"
                    + " Number, Array, Object or token 'null', 'true' or 'false')"),
            List.of(
                "teams", in + "/teams.json", "MISSING_FIELD", "/1", "Missing required field id"),
            List.of(
                "teams",
                in + "/teams.json",
                "BAD_TIMESTAMP",
                "/2",
                "Invalid createdDateTime: '14/08/2025' is not an ISO-8601 timestamp"));
  }
}
