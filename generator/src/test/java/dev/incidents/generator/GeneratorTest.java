package dev.incidents.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path directory;
  static Path small;

  @BeforeAll
  static void generateSmall() {
    small = directory.resolve("small");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, 42, small, YearMonth.of(2026, 4)), tool -> {});
  }

  @Test
  void writesOneFolderPerTool() {
    for (String output : Generator.OUTPUTS) {
      assertThat(small.resolve(output)).exists();
    }
    assertThat(small.resolve("slack/users.json")).isRegularFile();
    assertThat(small.resolve("slack/channels.json")).isRegularFile();
    assertThat(small.resolve("jira/export.csv")).isRegularFile();
    assertThat(small.resolve("statuspage/incidents.json")).isRegularFile();
  }

  @Test
  void theSameSeedGivesByteIdenticalOutput() throws Exception {
    Path again = directory.resolve("small-again");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, 42, again, YearMonth.of(2026, 4)), tool -> {});
    assertThat(digests(again)).isEqualTo(digests(small));

    Path otherSeed = directory.resolve("small-other-seed");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, 43, otherSeed, YearMonth.of(2026, 4)), tool -> {});
    assertThat(digests(otherSeed).get("truth.json")).isNotEqualTo(digests(small).get("truth.json"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void truthPhasesSumToTimeToResolveAndMilestonesAreOrdered(long seed) throws Exception {
    Path out = directory.resolve("truth-" + seed);
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, seed, out, YearMonth.of(2026, 1)), tool -> {});
    JsonNode truth = MAPPER.readTree(out.resolve("truth.json").toFile());
    int withPhases = 0;
    for (JsonNode incident : truth.get("incidents")) {
      JsonNode milestones = incident.get("milestones");
      assertThat(milestones.get("reported_at").isNull()).isFalse();
      if (incident.has("phases_s")) {
        withPhases++;
        long sum = 0;
        for (JsonNode phase : incident.get("phases_s")) {
          assertThat(phase.asLong())
              .as(incident.get("reference").asText())
              .isGreaterThanOrEqualTo(0);
          sum += phase.asLong();
        }
        assertThat(sum).isEqualTo(incident.get("time_to_resolve_s").asLong());
        List<String> order =
            List.of(
                "impact_started_at",
                "reported_at",
                "assembled_at",
                "identified_at",
                "mitigated_at",
                "resolved_at");
        Instant previous = Instant.MIN;
        for (String name : order) {
          Instant value = Instant.parse(milestones.get(name).asText());
          assertThat(value)
              .as(incident.get("reference").asText() + " " + name)
              .isAfterOrEqualTo(previous);
          previous = value;
        }
      }
      if (incident.has("time_to_acknowledge_s")) {
        assertThat(incident.get("time_to_acknowledge_s").asLong()).isPositive();
      }
    }
    assertThat(withPhases).isGreaterThan(10);
  }

  @Test
  void simulatesTheScenariosTheMetricsNeed() throws Exception {
    // A medium org has enough incidents for every rare scenario to occur.
    Path medium = directory.resolve("medium");
    Generator.generate(
        new Generator.Options(OrgSize.MEDIUM, 12, 9, medium, YearMonth.of(2025, 1)), tool -> {});
    JsonNode incidents = MAPPER.readTree(medium.resolve("truth.json").toFile()).get("incidents");
    assertThat(incidents.size()).isBetween(250, 350);
    Map<String, Integer> modes = new TreeMap<>();
    Map<String, Integer> statuses = new TreeMap<>();
    int reopened = 0;
    int outOfOrder = 0;
    int neverAcknowledged = 0;
    int customerReported = 0;
    for (JsonNode incident : incidents) {
      modes.merge(incident.get("mode").asText(), 1, Integer::sum);
      statuses.merge(incident.get("status").asText(), 1, Integer::sum);
      JsonNode flags = incident.get("flags");
      reopened += flags.get("reopened").asBoolean() ? 1 : 0;
      outOfOrder += flags.get("identified_recorded_out_of_order").asBoolean() ? 1 : 0;
      customerReported += flags.get("customer_reported").asBoolean() ? 1 : 0;
      if (flags.get("paged").asBoolean()
          && incident.get("milestones").get("acknowledged_at").isNull()) {
        neverAcknowledged++;
      }
    }
    assertThat(modes).containsKeys("real", "test", "game_day");
    assertThat(statuses).containsKeys("closed", "resolved", "declined", "merged");
    assertThat(reopened).isPositive();
    assertThat(outOfOrder).isPositive();
    assertThat(neverAcknowledged).isPositive();
    assertThat(customerReported).isPositive();

    // Phases follow the P1 manual-process breakdown: median assemble about 12 minutes in the first
    // month, and teams get faster over the year.
    List<Long> firstQuarter = new ArrayList<>();
    List<Long> lastQuarter = new ArrayList<>();
    for (JsonNode incident : incidents) {
      if (!incident.has("phases_s")
          || !incident.get("severity").asText().equals("SEV1")
              && !incident.get("severity").asText().equals("SEV2")) {
        continue;
      }
      Instant reported = Instant.parse(incident.get("milestones").get("reported_at").asText());
      long assemble = incident.get("phases_s").get("assemble").asLong();
      if (reported.isBefore(Instant.parse("2025-04-01T00:00:00Z"))) {
        firstQuarter.add(assemble);
      } else if (reported.isAfter(Instant.parse("2025-10-01T00:00:00Z"))) {
        lastQuarter.add(assemble);
      }
    }
    assertThat(median(firstQuarter)).isBetween(8 * 60L, 20 * 60L);
    assertThat(median(lastQuarter)).isLessThan(median(firstQuarter));
  }

  @Test
  void slackDayFilesFollowTheWorkspaceCalendarNotUtc() throws Exception {
    int shifted = 0;
    int messages = 0;
    try (Stream<Path> walk = Files.walk(small.resolve("slack"))) {
      for (Path file :
          walk.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json"))
              .toList()) {
        String day = file.getFileName().toString().substring(0, 10);
        for (JsonNode message : MAPPER.readTree(file.toFile())) {
          String ts = message.get("ts").asText();
          assertThat(ts).matches("\\d{10}\\.\\d{6}");
          Instant at = Instant.ofEpochSecond(Long.parseLong(ts.substring(0, 10)));
          assertThat(at.atZone(Organisation.WORKSPACE_ZONE).toLocalDate()).hasToString(day);
          if (!at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString().equals(day)) {
            shifted++;
          }
          messages++;
        }
      }
    }
    assertThat(messages).isGreaterThan(1000);
    assertThat(shifted).isPositive();
  }

  @Test
  void theSlackZipHoldsTheSameTreeAsTheFolder() throws Exception {
    try (ZipFile zip = new ZipFile(small.resolve("slack-export.zip").toFile());
        Stream<Path> walk = Files.walk(small.resolve("slack"))) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      assertThat(zip.size()).isEqualTo(files.size());
      for (Path file : files) {
        String name = small.resolve("slack").relativize(file).toString();
        try (InputStream entry = zip.getInputStream(zip.getEntry(name))) {
          assertThat(entry.readAllBytes()).isEqualTo(Files.readAllBytes(file));
        }
      }
    }
  }

  @Test
  void chatCarriesPlantedSecretsAndAnInjectionForTheDrafterToDefendAgainst() throws Exception {
    String all;
    try (Stream<Path> walk = Files.walk(small.resolve("slack"))) {
      StringBuilder text = new StringBuilder();
      for (Path file :
          walk.filter(p -> p.toString().contains("/inc-") && p.toString().endsWith(".json"))
              .toList()) {
        text.append(Files.readString(file));
      }
      all = text.toString();
    }
    assertThat(all).contains("Ignore all previous instructions");
    assertThat(SlackWriter.SECRETS.stream().filter(all::contains).count()).isPositive();
    assertThat(all)
        .contains("/inc lead ")
        .contains("/inc role tech-lead ")
        .contains("/inc resolve");
  }

  @Test
  void timestampStylesMatchEachVendor() throws Exception {
    JsonNode logEntries = firstJson(small.resolve("pagerduty"), "log_entries-").get("log_entries");
    String created = logEntries.get(0).get("created_at").asText();
    assertThat(created).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}-0[45]:00");
    // Newest first, as PagerDuty lists them.
    Instant first = java.time.OffsetDateTime.parse(created).toInstant();
    Instant last =
        java.time.OffsetDateTime.parse(
                logEntries.get(logEntries.size() - 1).get("created_at").asText())
            .toInstant();
    assertThat(first).isAfterOrEqualTo(last);

    JsonNode issue = firstJson(small.resolve("jira"), "search-").get("issues").get(0);
    assertThat(issue.get("fields").get("created").asText()).matches(".*\\.\\d{3}-0[78]00");

    String line = Files.readAllLines(firstFile(small.resolve("alertmanager"), "alerts-")).get(0);
    JsonNode payload = MAPPER.readTree(line);
    assertThat(payload.get("version").asText()).isEqualTo("4");
    assertThat(payload.get("alerts").get(0).get("endsAt").asText())
        .isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void generatedFilesHaveTheStructureOfTheRealSamples() throws Exception {
    Path samples = RealSamples.directory();
    assertShape(
        MAPPER
            .readTree(
                samples.resolve("incidentio/singer-tap_testdata_sync/incidents.json").toFile())
            .get(0),
        firstJson(small.resolve("incidentio"), "incidents-").get("incidents").get(0),
        "id",
        "reference",
        "name",
        "mode",
        "incident_status",
        "severity",
        "incident_timestamp_values",
        "incident_role_assignments",
        "custom_field_entries",
        "slack_channel_id",
        "slack_channel_name",
        "created_at");
    assertShape(
        MAPPER
            .readTree(
                samples
                    .resolve("incidentio/singer-tap_testdata_sync/incident_updates.json")
                    .toFile())
            .get(0),
        firstJson(small.resolve("incidentio"), "incident_updates-").get("incident_updates").get(0),
        "id",
        "incident_id",
        "created_at",
        "new_incident_status",
        "updater");
    assertShape(
        MAPPER
            .readTree(
                samples.resolve("incidentio/singer-tap_testdata_sync/follow_ups.json").toFile())
            .get(0),
        firstJson(small.resolve("incidentio"), "follow_ups-").get("follow_ups").get(0),
        "id",
        "incident_id",
        "title",
        "status",
        "created_at",
        "priority");
    // PagerDuty publishes its API examples without a licence, so they are not in the repository
    // (testdata/samples/SOURCES.md); the shapes below are those of the REST API v2 reference, as
    // docs/formats.md states them.
    assertTypes(
        firstJson(small.resolve("pagerduty"), "incidents-").get("incidents").get(0),
        Map.of(
            "id", JsonNodeType.STRING,
            "incident_number", JsonNodeType.NUMBER,
            "title", JsonNodeType.STRING,
            "created_at", JsonNodeType.STRING,
            "status", JsonNodeType.STRING,
            "service", JsonNodeType.OBJECT,
            "resolved_at", JsonNodeType.STRING,
            "priority", JsonNodeType.OBJECT,
            "urgency", JsonNodeType.STRING,
            "teams", JsonNodeType.ARRAY));
    assertTypes(
        firstJson(small.resolve("pagerduty"), "log_entries-").get("log_entries").get(0),
        Map.of(
            "id", JsonNodeType.STRING,
            "type", JsonNodeType.STRING,
            "created_at", JsonNodeType.STRING,
            "agent", JsonNodeType.OBJECT,
            "channel", JsonNodeType.OBJECT,
            "incident", JsonNodeType.OBJECT));
    assertTypes(
        firstJson(small.resolve("pagerduty"), "alerts-").get("alerts").get(0),
        Map.of(
            "id", JsonNodeType.STRING,
            "created_at", JsonNodeType.STRING,
            "status", JsonNodeType.STRING,
            "alert_key", JsonNodeType.STRING,
            "service", JsonNodeType.OBJECT,
            "incident", JsonNodeType.OBJECT,
            "severity", JsonNodeType.STRING));
    assertShape(
        MAPPER.readTree(samples.resolve("alertmanager/zulip__alert.json").toFile()),
        MAPPER.readTree(
            Files.readAllLines(firstFile(small.resolve("alertmanager"), "alerts-")).get(0)),
        "version",
        "status",
        "receiver",
        "groupLabels",
        "commonLabels",
        "externalURL",
        "alerts");
    assertShape(
        MAPPER
            .readTree(
                samples.resolve("jira/go-jira__issues_in_sprint_with_changelog.json").toFile())
            .get("issues")
            .get(0),
        firstJson(small.resolve("jira"), "search-").get("issues").get(0),
        "id",
        "key",
        "fields",
        "changelog");
    assertShape(
        MAPPER
            .readTree(samples.resolve("slack/hfaran_testarchive/extracted/users.json").toFile())
            .get(0),
        MAPPER.readTree(small.resolve("slack/users.json").toFile()).get(0),
        "id",
        "name",
        "real_name",
        "tz",
        "profile",
        "is_bot");
    JsonNode generatedChannel =
        MAPPER.readTree(small.resolve("slack/channels.json").toFile()).get(0);
    assertShape(
        MAPPER
            .readTree(samples.resolve("slack/hfaran_testarchive/extracted/channels.json").toFile())
            .get(0),
        generatedChannel,
        "id",
        "name",
        "members");
    // The 2016 export writes its epoch seconds ("created", "last_set") as strings; today's exports
    // (and the generator) write them as numbers. The reader accepts both.
    assertTypes(
        generatedChannel,
        Map.of(
            "created",
            JsonNodeType.NUMBER,
            "topic",
            JsonNodeType.OBJECT,
            "purpose",
            JsonNodeType.OBJECT));
    for (String text : List.of("topic", "purpose")) {
      assertTypes(
          generatedChannel.get(text),
          Map.of("value", JsonNodeType.STRING, "last_set", JsonNodeType.NUMBER));
    }
    // GitHub's status-page data carries no licence, so it is not in the repository
    // (testdata/samples/SOURCES.md); the shape below is that of Statuspage's
    // /api/v2/incidents/<id>.json, as docs/formats.md states it.
    assertTypes(
        firstJson(small.resolve("statuspage/incidents"), "").get("incident"),
        Map.of(
            "id", JsonNodeType.STRING,
            "name", JsonNodeType.STRING,
            "status", JsonNodeType.STRING,
            "impact", JsonNodeType.STRING,
            "created_at", JsonNodeType.STRING,
            "started_at", JsonNodeType.STRING,
            "resolved_at", JsonNodeType.STRING,
            "incident_updates", JsonNodeType.ARRAY));
  }

  /** Every named field is present, with the given JSON node type wherever it is not null. */
  static void assertTypes(JsonNode generated, Map<String, JsonNodeType> fields) {
    fields.forEach(
        (field, type) -> {
          assertThat(generated.has(field)).as("generated has " + field).isTrue();
          if (!generated.get(field).isNull()) {
            assertThat(generated.get(field).getNodeType()).as(field).isEqualTo(type);
          }
        });
  }

  /** Every named field is in both, with the same JSON node type wherever both are non-null. */
  static void assertShape(JsonNode sample, JsonNode generated, String... fields) {
    for (String field : fields) {
      assertThat(sample.has(field)).as("sample has " + field).isTrue();
      assertThat(generated.has(field)).as("generated has " + field).isTrue();
      JsonNode expected = sample.get(field);
      JsonNode actual = generated.get(field);
      if (!expected.isNull() && !actual.isNull()) {
        assertThat(actual.getNodeType()).as(field).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
          expected
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (actual.has(name)
                        && !expected.get(name).isNull()
                        && !actual.get(name).isNull()) {
                      assertThat(actual.get(name).getNodeType())
                          .as(field + "." + name)
                          .isEqualTo(expected.get(name).getNodeType());
                    }
                  });
        }
      }
    }
  }

  static JsonNode firstJson(Path folder, String prefix) throws IOException {
    return MAPPER.readTree(firstFile(folder, prefix).toFile());
  }

  static Path firstFile(Path folder, String prefix) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(
              p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        result.put(
            root.relativize(file).toString(),
            HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file))));
      }
    }
    return result;
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
