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
import java.util.Map;
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

  /**
   * The one quarantine row each corruption gives, per source and file: code, position (JSON
   * pointer, or line and pointer for JSON Lines) and message ({@code {file}} is the input's path).
   * Truncation and parse errors point at the array being streamed, with Jackson's line and column;
   * record errors at the record.
   */
  static final Map<String, List<String>> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "alertmanager/huge.json",
              List.of(
                  "TOO_LARGE",
                  "line 3/alerts/0",
                  "Invalid annotations.summary: 10485760 characters, more than 1000000")),
          Map.entry(
              "alertmanager/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "line 3",
                  "Cannot parse {file} line 3: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")),
          Map.entry(
              "alertmanager/missing.json",
              List.of("MISSING_FIELD", "line 3/alerts/0", "Missing required field startsAt")),
          Map.entry(
              "alertmanager/truncated.json",
              List.of(
                  "TRUNCATED", "line 3", "Cannot parse {file} line 3: the line ends mid-record")),
          Map.entry(
              "alertmanager/wrong-type.json",
              List.of(
                  "BAD_TIMESTAMP",
                  "line 2/alerts/0",
                  "Invalid startsAt: 'yesterday' is not an ISO-8601 timestamp")),
          Map.entry(
              "incidentio/huge.json",
              List.of(
                  "TOO_LARGE",
                  "/incidents/2",
                  "Invalid name: 10485760 characters, more than 1000000")),
          Map.entry(
              "incidentio/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "/incidents",
                  "Cannot parse {file}: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 4, column 13")),
          Map.entry(
              "incidentio/missing.json",
              List.of("MISSING_FIELD", "/incidents/2", "Missing required field id")),
          Map.entry(
              "incidentio/truncated.json",
              List.of(
                  "TRUNCATED",
                  "/incidents",
                  "Cannot parse {file}: the file ends mid-record at line 4, column 85")),
          Map.entry(
              "incidentio/wrong-type.json",
              List.of(
                  "WRONG_TYPE", "/incidents/1", "Invalid name: expected a string, found object")),
          Map.entry(
              "jira/huge.json",
              List.of(
                  "TOO_LARGE",
                  "/issues/2",
                  "Invalid fields.summary: 10485760 characters, more than 1000000")),
          Map.entry(
              "jira/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "/issues",
                  "Cannot parse {file}: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 4, column 13")),
          Map.entry(
              "jira/missing.json",
              List.of("MISSING_FIELD", "/issues/2", "Missing required field fields.created")),
          Map.entry(
              "jira/truncated.json",
              List.of(
                  "TRUNCATED",
                  "/issues",
                  "Cannot parse {file}: the file ends mid-record at line 4, column 84")),
          Map.entry(
              "jira/wrong-type.json",
              List.of(
                  "BAD_TIMESTAMP",
                  "/issues/1",
                  "Invalid duedate: 'next friday' is not a date (YYYY-MM-DD)")),
          Map.entry(
              "opsgenie/huge.json",
              List.of(
                  "TOO_LARGE",
                  "/data/2",
                  "Invalid message: 10485760 characters, more than 1000000")),
          Map.entry(
              "opsgenie/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "/data",
                  "Cannot parse {file}: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 4, column 13")),
          Map.entry(
              "opsgenie/missing.json",
              List.of("MISSING_FIELD", "/data/2", "Missing required field id")),
          Map.entry(
              "opsgenie/truncated.json",
              List.of(
                  "TRUNCATED",
                  "/data",
                  "Cannot parse {file}: the file ends mid-record at line 4, column 55")),
          Map.entry(
              "opsgenie/wrong-type.json",
              List.of(
                  "WRONG_TYPE", "/data/1", "Invalid createdAt: expected a string, found array")),
          Map.entry(
              "pagerduty/huge.json",
              List.of(
                  "TOO_LARGE",
                  "/incidents/2",
                  "Invalid title: 10485760 characters, more than 1000000")),
          Map.entry(
              "pagerduty/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "/incidents",
                  "Cannot parse {file}: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 4, column 13")),
          Map.entry(
              "pagerduty/missing.json",
              List.of("MISSING_FIELD", "/incidents/2", "Missing required field created_at")),
          Map.entry(
              "pagerduty/truncated.json",
              List.of(
                  "TRUNCATED",
                  "/incidents",
                  "Cannot parse {file}: the file ends mid-record at line 4, column 74")),
          Map.entry(
              "pagerduty/wrong-type.json",
              List.of(
                  "WRONG_TYPE",
                  "/incidents/1",
                  "Invalid incident_number: expected an integer, found '\"one hundred\"'")),
          Map.entry(
              "statuspage/huge.json",
              List.of(
                  "TOO_LARGE",
                  "/incidents/2",
                  "Invalid name: 10485760 characters, more than 1000000")),
          Map.entry(
              "statuspage/malformed.json",
              List.of(
                  "MALFORMED_JSON",
                  "/incidents",
                  "Cannot parse {file}: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 4, column 13")),
          Map.entry(
              "statuspage/missing.json",
              List.of("MISSING_FIELD", "/incidents/2", "Missing required field id")),
          Map.entry(
              "statuspage/truncated.json",
              List.of(
                  "TRUNCATED",
                  "/incidents",
                  "Cannot parse {file}: the file ends mid-record at line 4, column 66")),
          Map.entry(
              "statuspage/wrong-type.json",
              List.of(
                  "BAD_TIMESTAMP",
                  "/incidents/1",
                  "Invalid created_at: '12345' is not an ISO-8601 timestamp")));

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
      List<String> expected = EXPECTED.get(source.name() + "/" + file.getFileName());
      assertThat(expected).as("an expected quarantine row for " + file.getFileName()).isNotNull();
      assertThat(expected.get(0)).isEqualTo(expectedCode);
      // The exact code, position and message, as Iceberg's parser tests assert them.
      assertThat(lake.rows("SELECT error_code, position, message, source_file FROM quarantine"))
          .as("quarantine")
          .containsExactly(
              List.of(
                  expected.get(0),
                  expected.get(1),
                  expected.get(2).replace("{file}", file.toString()),
                  file.toString()));
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
    assertThat(summary.quarantined()).isEqualTo(1);
    Path empty = directory.resolve("in/empty.json");
    Files.writeString(empty, "");
    IngestSummary emptySummary =
        new IngestJob(
                lake.lake, Config.defaults(), Format.parse(source.name()), ArchiveLimits.DEFAULT)
            .run(List.of(empty), bytes -> {});
    assertThat(emptySummary.quarantined()).isEqualTo(1);
    String garbageMessage =
        "Cannot parse "
            + binary
            + ": Unexpected character ((CTRL-CHAR, code 153)): expected a valid value (JSON"
            + " String, Number, Array, Object or token 'null', 'true' or 'false') at line 1,"
            + " column 1";
    boolean csv = source.name().equals("jira"); // forced Jira on a non-JSON file reads it as CSV
    String position = csv ? "line 1" : "/";
    assertThat(
            lake.rows(
                "SELECT source_file, error_code, position, message FROM quarantine"
                    + " ORDER BY source_file"))
        .containsExactly(
            List.of(
                empty.toString(),
                "TRUNCATED",
                position,
                "Cannot parse " + empty + ": the file is empty"),
            csv
                ? List.of(
                    binary.toString(),
                    "MISSING_FIELD",
                    position,
                    "Cannot parse " + binary + ": no 'Issue key' column")
                : List.of(binary.toString(), "MALFORMED_JSON", position, garbageMessage));
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
    assertThat(summary.quarantined()).isEqualTo(1);
    // ArchiveLimits.DEFAULT: the ratio is checked once an entry passes 32 MiB, at most 200:1.
    String bomb = zip + "!/bomb.jsonl";
    assertThat(lake.rows("SELECT source_file, error_code, position, message FROM quarantine"))
        .containsExactly(
            List.of(
                bomb,
                "TOO_LARGE",
                "/",
                "Invalid zip entry " + bomb + ": compression ratio above 200:1 (zip bomb?)"));
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
    assertThat(
            lake.rows(
                "SELECT source, source_file, error_code, position, message FROM quarantine"
                    + " ORDER BY source_file"))
        .containsExactly(
            List.of(
                "archive",
                zip + "!/../../evil.jsonl",
                "UNSAFE_ARCHIVE",
                "/",
                "Invalid zip entry name '../../evil.jsonl': it would resolve outside the archive"
                    + " (zip-slip)"),
            List.of(
                "archive",
                zip + "!//etc/absolute.jsonl",
                "UNSAFE_ARCHIVE",
                "/",
                "Invalid zip entry name '/etc/absolute.jsonl': it would resolve outside the"
                    + " archive (zip-slip)"));
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
    Path link = input.resolve("link.json");
    assertThat(
            lake.rows("SELECT source, source_file, error_code, position, message FROM quarantine"))
        .containsExactly(
            List.of(
                "archive",
                link.toString(),
                "UNSAFE_ARCHIVE",
                "/",
                "Invalid link "
                    + link
                    + ": it points outside the input folder, to "
                    + outside.resolve("secret.json").toRealPath()));
    assertThat(summary.quarantined()).isEqualTo(1);
  }
}
