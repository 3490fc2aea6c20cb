package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.config.Config;
import dev.incidents.ingest.input.ArchiveLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corrupt-input suite, per source: each corruption ends in quarantine (with a code) or a clear
 * error, every valid record survives, and nothing is written outside the lake.
 */
class CorruptInputTest {
  @TempDir Path directory;

  /** A source's fixture: N valid records, and the variants of one bad record. */
  record Source(
      String name,
      String table,
      IntFunction<String> valid,
      IntFunction<String> wrongType,
      IntFunction<String> missingField,
      IntFunction<String> huge,
      boolean jsonLines,
      String arrayField) {
    String file(List<String> records) {
      if (jsonLines) {
        return String.join("\n", records) + "\n";
      }
      String array = "[\n" + String.join(",\n", records) + "\n]";
      return arrayField == null
          ? array
          : "{\"" + arrayField + "\": " + array + ", \"more\": false}";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String HUGE = "x".repeat(10 * 1024 * 1024);

  static Stream<Source> sources() {
    return Stream.of(
        new Source(
            "incidentio",
            "incidents",
            i ->
                "{\"id\":\"01H"
                    + i
                    + "\",\"reference\":\"INC-"
                    + i
                    + "\",\"name\":\"Outage "
                    + i
                    + "\",\"incident_status\":{\"category\":\"live\",\"name\":\"Investigating\"},\"mode\":\"standard\",\"created_at\":\"2026-01-0"
                    + (i % 9 + 1)
                    + "T10:00:00.5Z\"}",
            i ->
                "{\"id\":\"01H"
                    + i
                    + "\",\"reference\":\"INC-"
                    + i
                    + "\",\"name\":{\"oops\":1},\"incident_status\":{\"category\":\"live\"},\"created_at\":\"2026-01-01T10:00:00Z\"}",
            i ->
                "{\"reference\":\"INC-"
                    + i
                    + "\",\"name\":\"no id\",\"incident_status\":{\"category\":\"live\"},\"created_at\":\"2026-01-01T10:00:00Z\"}",
            i ->
                "{\"id\":\"01H"
                    + i
                    + "\",\"reference\":\"INC-"
                    + i
                    + "\",\"name\":\""
                    + HUGE
                    + "\",\"incident_status\":{\"category\":\"live\"},\"created_at\":\"2026-01-01T10:00:00Z\"}",
            false,
            "incidents"),
        new Source(
            "pagerduty",
            "incidents",
            i ->
                "{\"id\":\"P"
                    + i
                    + "\",\"type\":\"incident\",\"incident_number\":"
                    + (100 + i)
                    + ",\"title\":\"Disk "
                    + i
                    + "\",\"created_at\":\"2026-01-02T03:04:05-05:00\",\"status\":\"resolved\",\"urgency\":\"high\"}",
            i ->
                "{\"id\":\"P"
                    + i
                    + "\",\"type\":\"incident\",\"incident_number\":\"one hundred\",\"title\":\"x\",\"created_at\":\"2026-01-02T03:04:05Z\"}",
            i ->
                "{\"id\":\"P"
                    + i
                    + "\",\"type\":\"incident\",\"incident_number\":"
                    + (100 + i)
                    + ",\"title\":\"no created_at\"}",
            i ->
                "{\"id\":\"P"
                    + i
                    + "\",\"type\":\"incident\",\"incident_number\":"
                    + (100 + i)
                    + ",\"title\":\""
                    + HUGE
                    + "\",\"created_at\":\"2026-01-02T03:04:05Z\"}",
            false,
            "incidents"),
        new Source(
            "alertmanager",
            "alerts",
            i ->
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"groupLabels\":{},\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A"
                    + i
                    + "\",\"service\":\"s\"},\"annotations\":{},\"startsAt\":\"2026-01-01T00:00:0"
                    + (i % 9)
                    + ".123456789Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"f"
                    + i
                    + "\"}]}",
            i ->
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"yesterday\",\"fingerprint\":\"f"
                    + i
                    + "\"}]}",
            i ->
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"f"
                    + i
                    + "\"}]}",
            i ->
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"summary\":\""
                    + HUGE
                    + "\"},\"startsAt\":\"2026-01-01T00:00:00Z\",\"fingerprint\":\"f"
                    + i
                    + "\"}]}",
            true,
            null),
        new Source(
            "opsgenie",
            "alerts",
            i ->
                "{\"id\":\"og-"
                    + i
                    + "\",\"tinyId\":\""
                    + i
                    + "\",\"alias\":\"a"
                    + i
                    + "\",\"message\":\"m\",\"status\":\"open\",\"createdAt\":\"2026-01-01T00:00:00.353Z\"}",
            i ->
                "{\"id\":\"og-"
                    + i
                    + "\",\"tinyId\":\""
                    + i
                    + "\",\"alias\":\"a\",\"message\":\"m\",\"createdAt\":[1,2]}",
            i ->
                "{\"tinyId\":\""
                    + i
                    + "\",\"alias\":\"a\",\"message\":\"m\",\"createdAt\":\"2026-01-01T00:00:00Z\"}",
            i ->
                "{\"id\":\"og-"
                    + i
                    + "\",\"tinyId\":\""
                    + i
                    + "\",\"alias\":\"a\",\"message\":\""
                    + HUGE
                    + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}",
            false,
            "data"),
        new Source(
            "jira",
            "action_items",
            i ->
                "{\"id\":\""
                    + (1000 + i)
                    + "\",\"key\":\"OPS-"
                    + i
                    + "\",\"fields\":{\"summary\":\"Fix "
                    + i
                    + "\",\"status\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}},\"created\":\"2026-01-01T07:39:15.000-0800\",\"labels\":[]}}",
            i ->
                "{\"id\":\""
                    + (1000 + i)
                    + "\",\"key\":\"OPS-"
                    + i
                    + "\",\"fields\":{\"summary\":\"x\",\"created\":\"2026-01-01T07:39:15.000-0800\",\"duedate\":\"next friday\"}}",
            i ->
                "{\"id\":\""
                    + (1000 + i)
                    + "\",\"key\":\"OPS-"
                    + i
                    + "\",\"fields\":{\"summary\":\"no created\"}}",
            i ->
                "{\"id\":\""
                    + (1000 + i)
                    + "\",\"key\":\"OPS-"
                    + i
                    + "\",\"fields\":{\"summary\":\""
                    + HUGE
                    + "\",\"created\":\"2026-01-01T07:39:15.000-0800\"}}",
            false,
            "issues"),
        new Source(
            "statuspage",
            "incidents",
            i ->
                "{\"id\":\"sp"
                    + i
                    + "\",\"name\":\"Degraded "
                    + i
                    + "\",\"status\":\"resolved\",\"impact\":\"minor\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"incident_updates\":[]}",
            i ->
                "{\"id\":\"sp"
                    + i
                    + "\",\"name\":\"x\",\"created_at\":12345,\"incident_updates\":[]}",
            i -> "{\"name\":\"no id\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}",
            i ->
                "{\"id\":\"sp"
                    + i
                    + "\",\"name\":\""
                    + HUGE
                    + "\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}",
            false,
            "incidents"));
  }

  private Path write(Source source, String name, String content) throws Exception {
    Path file = directory.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    if (source.arrayField() != null && source.name().equals("statuspage")) {
      content = content.replaceFirst("\\{", "{\"page\":{\"id\":\"p\"},");
    }
    if (source.name().equals("jira")) {
      content = content.replaceFirst("\\{", "{\"startAt\":0,\"maxResults\":50,");
    }
    Files.writeString(file, content);
    return file;
  }

  private List<String> valid(Source source, int count) {
    List<String> records = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      records.add(source.valid().apply(i));
    }
    return records;
  }

  private void assertOutcome(Source source, Path file, long expectedRows, String expectedCode) {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        new IngestJob(
                lake.lake, Config.defaults(), Format.parse(source.name()), ArchiveLimits.DEFAULT)
            .run(List.of(file), bytes -> {});
    assertThat(lake.count("SELECT count(*) FROM " + source.table()))
        .as("rows kept")
        .isEqualTo(expectedRows);
    if (expectedCode == null) {
      assertThat(summary.quarantined()).isZero();
    } else {
      assertThat(lake.rows("SELECT error_code, position, message, source_file FROM quarantine"))
          .as("quarantine")
          .anySatisfy(
              row -> {
                assertThat(row.get(0)).isEqualTo(expectedCode);
                assertThat(row.get(2)).isNotBlank();
                assertThat(row.get(3)).isEqualTo(file.toString());
              });
    }
  }

  @ParameterizedTest
  @MethodSource("sources")
  void validFileIngestsEveryRecord(Source source) throws Exception {
    assertOutcome(source, write(source, "valid.json", source.file(valid(source, 3))), 3, null);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void truncatedFileKeepsEveryCompleteRecordBeforeTheCut(Source source) throws Exception {
    String content = source.file(valid(source, 3));
    String third = source.valid().apply(3);
    String cut = content.substring(0, content.indexOf(third) + third.length() / 2);
    assertOutcome(
        source,
        write(source, "truncated.json", cut),
        2,
        source.jsonLines() ? "TRUNCATED" : "TRUNCATED");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void malformedJsonKeepsTheRecordsBeforeIt(Source source) throws Exception {
    List<String> records = valid(source, 2);
    records.add("{\"this is\": not json}");
    records.add(source.valid().apply(4));
    long expected = source.jsonLines() ? 3 : 2; // JSON Lines resume at the next line
    assertOutcome(
        source, write(source, "malformed.json", source.file(records)), expected, "MALFORMED_JSON");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void wrongTypeQuarantinesOnlyThatRecord(Source source) throws Exception {
    List<String> records = valid(source, 2);
    records.add(1, source.wrongType().apply(7));
    assertOutcome(
        source,
        write(source, "wrong-type.json", source.file(records)),
        2,
        expectedWrongTypeCode(source));
  }

  private static String expectedWrongTypeCode(Source source) {
    return switch (source.name()) {
      case "alertmanager", "jira", "statuspage" -> "BAD_TIMESTAMP";
      default -> "WRONG_TYPE";
    };
  }

  @ParameterizedTest
  @MethodSource("sources")
  void missingFieldQuarantinesOnlyThatRecord(Source source) throws Exception {
    List<String> records = valid(source, 2);
    records.add(source.missingField().apply(8));
    assertOutcome(source, write(source, "missing.json", source.file(records)), 2, "MISSING_FIELD");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void duplicateRecordsCountOnce(Source source) throws Exception {
    List<String> records = valid(source, 2);
    records.add(source.valid().apply(1));
    assertOutcome(source, write(source, "duplicates.json", source.file(records)), 2, null);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void aTenMegabyteStringIsQuarantinedAsTooLarge(Source source) throws Exception {
    List<String> records = valid(source, 2);
    records.add(source.huge().apply(9));
    assertOutcome(source, write(source, "huge.json", source.file(records)), 2, "TOO_LARGE");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void binaryGarbageAndEmptyFilesAreQuarantinedNotCrashes(Source source) throws Exception {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    Path binary = directory.resolve("in/garbage.bin");
    Files.createDirectories(binary.getParent());
    Files.write(binary, garbage);
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        new IngestJob(
                lake.lake, Config.defaults(), Format.parse(source.name()), ArchiveLimits.DEFAULT)
            .run(List.of(binary), bytes -> {});
    assertThat(summary.quarantined()).isPositive();
    Path empty = directory.resolve("in/empty.json");
    Files.writeString(empty, "");
    IngestSummary emptySummary =
        new IngestJob(
                lake.lake, Config.defaults(), Format.parse(source.name()), ArchiveLimits.DEFAULT)
            .run(List.of(empty), bytes -> {});
    assertThat(emptySummary.quarantined()).isPositive();
  }

  @Test
  void aFileOfUnknownFormatNamedDirectlyIsOneClearError() throws Exception {
    Path file = directory.resolve("notes.txt");
    Files.writeString(file, "just some notes\n");
    LakeFixture lake = new LakeFixture(directory);
    assertThatThrownBy(() -> lake.ingest(file))
        .isInstanceOf(IngestJob.UndetectedFormatException.class)
        .hasMessage("Cannot detect the format of " + file + " (use --format)");
  }

  @Test
  void zipBombIsStoppedAndTheOtherEntriesSurvive() throws Exception {
    Path zip = directory.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(9);
      out.putNextEntry(new ZipEntry("alerts.jsonl"));
      Source alertmanager =
          sources().filter(s -> s.name().equals("alertmanager")).findFirst().orElseThrow();
      out.write(
          alertmanager
              .file(List.of(alertmanager.valid().apply(1), alertmanager.valid().apply(2)))
              .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("bomb.jsonl"));
      byte[] line =
          "{\"version\":\"4\",\"receiver\":\"r\",\"alerts\":[]}\n"
              .repeat(24_000)
              .getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 1000; i++) { // over 1 GB uncompressed
        out.write(line);
      }
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(20L << 20);
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(zip);
    assertThat(lake.count("SELECT count(*) FROM alerts")).isEqualTo(2);
    assertThat(summary.quarantined()).isPositive();
    assertThat(lake.value("SELECT message FROM quarantine WHERE error_code = 'TOO_LARGE'"))
        .contains("compression ratio")
        .contains("bomb.jsonl");
  }

  @Test
  void zipSlipEntriesAreRefusedAndNothingIsWrittenOutsideTheLake() throws Exception {
    Path zip = directory.resolve("slip.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("../../evil.jsonl"));
      out.write(
          "{\"version\":\"4\",\"receiver\":\"r\",\"alerts\":[]}\n"
              .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("/etc/absolute.jsonl"));
      out.write("{}\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      Source opsgenie =
          sources().filter(s -> s.name().equals("opsgenie")).findFirst().orElseThrow();
      out.putNextEntry(new ZipEntry("ok/opsgenie.json"));
      out.write(opsgenie.file(List.of(opsgenie.valid().apply(1))).getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    LakeFixture lake = new LakeFixture(directory.resolve("inner"));
    IngestSummary summary = lake.ingest(zip);
    assertThat(summary.quarantined()).isEqualTo(2);
    assertThat(lake.rows("SELECT error_code FROM quarantine"))
        .allSatisfy(row -> assertThat(row).containsExactly("UNSAFE_ARCHIVE"));
    assertThat(lake.count("SELECT count(*) FROM alerts")).isEqualTo(1);
    assertThat(directory.resolve("evil.jsonl")).doesNotExist();
    assertThat(directory.getParent().resolve("evil.jsonl")).doesNotExist();
  }

  @Test
  void symlinksOutOfTheInputFolderAreNotFollowed() throws Exception {
    Path outside = directory.resolve("outside");
    Files.createDirectories(outside);
    Source opsgenie = sources().filter(s -> s.name().equals("opsgenie")).findFirst().orElseThrow();
    Files.writeString(
        outside.resolve("secret.json"), opsgenie.file(List.of(opsgenie.valid().apply(5))));
    Path input = directory.resolve("input");
    Files.createDirectories(input);
    Files.writeString(
        input.resolve("mine.json"), opsgenie.file(List.of(opsgenie.valid().apply(1))));
    Files.createSymbolicLink(input.resolve("link.json"), outside.resolve("secret.json"));
    LakeFixture lake = new LakeFixture(directory.resolve("lake-home"));
    IngestSummary summary = lake.ingest(input);
    assertThat(lake.rows("SELECT alert_id FROM alerts"))
        .containsExactly(List.of("opsgenie:alert:og-1"));
    assertThat(lake.value("SELECT message FROM quarantine"))
        .contains("points outside the input folder");
    assertThat(summary.quarantined()).isEqualTo(1);
  }
}
