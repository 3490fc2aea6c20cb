package dev.incidents.generator;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --snapshots daily}: each tool's export as downloaded at the end of each UTC day. The
 * fixture is a small organisation over January 2026 with seed 39, chosen because it holds every
 * scenario checked here: an incident resolved on a later day than it was reported, a Jira item done
 * days after it was created, a reopened incident, alerts firing across midnight, and Statuspage
 * incidents.
 */
class SnapshotsTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final YearMonth JANUARY = YearMonth.of(2026, 1);
  static final long SEED = 39;
  static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @TempDir static Path directory;
  static Path out;
  static List<LocalDate> days;

  @BeforeAll
  static void generateDailySnapshots() {
    out = directory.resolve("daily");
    Generator.Options options =
        new Generator.Options(OrgSize.SMALL, 1, SEED, out, JANUARY, Generator.Snapshots.DAILY, 1);
    days = options.snapshotDays();
    GenerationSummary summary = Generator.generate(options, tool -> {});
    assertThat(summary.counts()).containsEntry("snapshots.days", 31L);
    assertThat(summary.files()).containsKey("snapshots");
  }

  static Path snapshot(LocalDate day) {
    return out.resolve(Generator.SNAPSHOTS).resolve(day.toString());
  }

  static Instant cutoff(LocalDate day) {
    return day.plusDays(1).atStartOfDay(UTC).toInstant().minusMillis(1);
  }

  static LocalDate last() {
    return days.get(days.size() - 1);
  }

  @Test
  void writesOneSnapshotPerDayInTheNormalLayout() throws IOException {
    assertThat(days).hasSize(31);
    assertThat(days.get(0)).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(last()).isEqualTo(LocalDate.of(2026, 1, 31));
    try (Stream<Path> listing = Files.list(out.resolve(Generator.SNAPSHOTS))) {
      assertThat(listing.map(path -> path.getFileName().toString()).sorted().toList())
          .isEqualTo(days.stream().map(LocalDate::toString).toList());
    }
    for (LocalDate day : days) {
      for (String tool : Generator.SNAPSHOT_TOOLS) {
        assertThat(snapshot(day).resolve(tool)).as(day + " " + tool).isDirectory();
      }
      assertThat(snapshot(day).resolve("truth.json")).doesNotExist();
      assertThat(snapshot(day).resolve("slack-export.zip")).doesNotExist();
      assertThat(snapshot(day).resolve("slack/users.json")).isRegularFile();
      assertThat(snapshot(day).resolve("jira/export.csv")).isRegularFile();
      assertThat(snapshot(day).resolve("statuspage/incidents.json")).isRegularFile();
    }
  }

  @Test
  void snapshotsAreByteIdenticalOnRerunAndLeaveTheNormalExportAndTruthUnchanged() throws Exception {
    Path again = directory.resolve("daily-again");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 1, SEED, again, JANUARY, Generator.Snapshots.DAILY, 1),
        tool -> {});
    assertThat(GeneratorTest.digests(again)).isEqualTo(GeneratorTest.digests(out));

    Path plain = directory.resolve("plain");
    Generator.generate(new Generator.Options(OrgSize.SMALL, 1, SEED, plain, JANUARY), tool -> {});
    assertThat(plain.resolve(Generator.SNAPSHOTS)).doesNotExist();
    Map<String, String> normal = new TreeMap<>(GeneratorTest.digests(out));
    normal.keySet().removeIf(name -> name.startsWith(Generator.SNAPSHOTS + "/"));
    assertThat(normal).isEqualTo(GeneratorTest.digests(plain)).containsKey("truth.json");
  }

  @Test
  void snapshotEveryWritesEveryNthDayAndAlwaysTheLast() {
    List<LocalDate> everyWeek =
        new Generator.Options(OrgSize.SMALL, 1, SEED, out, JANUARY, Generator.Snapshots.DAILY, 7)
            .snapshotDays();
    assertThat(everyWeek)
        .extracting(LocalDate::getDayOfMonth)
        .containsExactly(1, 8, 15, 22, 29, 31);
    assertThat(new Generator.Options(OrgSize.SMALL, 1, SEED, out, JANUARY).snapshotDays())
        .isEmpty();
  }

  @Test
  void theLastSnapshotHoldsTheSameRecordsAsTheNormalExport() throws IOException {
    for (String tool : Generator.SNAPSHOT_TOOLS) {
      List<String> normal = records(out.resolve(tool));
      List<String> lastDay = records(snapshot(last()).resolve(tool));
      assertThat(normal).as(tool).isNotEmpty();
      assertThat(lastDay).as(tool).isEqualTo(normal);
    }
  }

  @Test
  void earlierSnapshotsHoldNothingDatedAfterTheirCutoffAndOnlyGrow() throws IOException {
    int checked = 0;
    for (int i = 0; i < days.size() - 1; i++) {
      LocalDate day = days.get(i);
      Instant cutoff = cutoff(day);
      for (String tool : Generator.SNAPSHOT_TOOLS) {
        for (Path file : files(snapshot(day).resolve(tool))) {
          for (Instant instant : instants(file)) {
            assertThat(instant).as(file.toString()).isBeforeOrEqualTo(cutoff);
            checked++;
          }
        }
        Set<String> today = keys(snapshot(day).resolve(tool));
        Set<String> tomorrow = keys(snapshot(days.get(i + 1)).resolve(tool));
        assertThat(tomorrow).as(day + " " + tool).containsAll(today);
      }
    }
    assertThat(checked).isGreaterThan(50_000);
    // And the last snapshot is not cut earlier: it holds the last day's alerts.
    assertThat(instants(snapshot(last()).resolve("alertmanager/alerts-2026-01.jsonl")))
        .anyMatch(instant -> instant.isAfter(cutoff(last().minusDays(1))));
  }

  @Test
  void anIncidentResolvedOnALaterDayIsOpenAtTheCutoff() throws IOException {
    JsonNode resolvedLater = null;
    for (JsonNode incident : incidentIo(out).get("incidents")) {
      String resolved = timestamp(incident, "Resolved at");
      if (resolved != null && day(resolved).isAfter(day(incident.get("created_at").asText()))) {
        resolvedLater = incident;
      }
    }
    assertThat(resolvedLater).as("an incident resolved on a later day").isNotNull();
    String id = resolvedLater.get("id").asText();
    LocalDate reported = day(resolvedLater.get("created_at").asText());
    LocalDate resolved = day(timestamp(resolvedLater, "Resolved at"));

    JsonNode open = incidentById(snapshot(reported), id);
    assertThat(open.get("incident_status").get("category").asText()).isEqualTo("live");
    assertThat(timestamp(open, "Resolved at")).isNull();
    assertThat(timestamp(open, "Closed at")).isNull();
    assertThat(open.get("workload_minutes_total").asDouble()).isZero();
    assertThat(open.get("updated_at").asText()).isEqualTo(open.get("created_at").asText());
    List<String> statuses = updateStatuses(snapshot(reported), id);
    assertThat(statuses).isNotEmpty().doesNotContain("Documenting", "Closed");

    JsonNode done = incidentById(snapshot(resolved), id);
    assertThat(done.get("incident_status").get("category").asText()).isIn("learning", "closed");
    assertThat(timestamp(done, "Resolved at")).isEqualTo(timestamp(resolvedLater, "Resolved at"));
    assertThat(updateStatuses(snapshot(resolved), id)).contains("Documenting");

    // PagerDuty keeps the same incident unresolved at the cutoff, without its resolve entry.
    int number = Integer.parseInt(resolvedLater.get("reference").asText().substring(4));
    JsonNode page = pagerDutyIncident(snapshot(reported), number);
    assertThat(page).as("the incident was paged").isNotNull();
    {
      assertThat(page.get("status").asText()).isIn("triggered", "acknowledged");
      assertThat(page.get("resolved_at").isNull()).isTrue();
      assertThat(logEntryTypes(snapshot(reported), page.get("id").asText()))
          .contains("trigger_log_entry")
          .doesNotContain("resolve_log_entry");
      assertThat(pagerDutyIncident(snapshot(resolved), number).get("status").asText())
          .isEqualTo("resolved");
      assertThat(logEntryTypes(snapshot(resolved), page.get("id").asText()))
          .contains("resolve_log_entry");
    }
  }

  @Test
  void aJiraItemDoneOnALaterDayIsOpenWithNoResolutionDateAtTheCutoff() throws IOException {
    List<JsonNode> doneLater = new ArrayList<>();
    for (JsonNode issue : jiraIssues(out)) {
      JsonNode fields = issue.get("fields");
      if (!fields.get("resolutiondate").isNull()
          && fields.get("resolution").get("name").asText().equals("Done")
          && jira(fields.get("resolutiondate").asText())
              .atZone(UTC)
              .toLocalDate()
              .isAfter(jira(fields.get("created").asText()).atZone(UTC).toLocalDate())) {
        doneLater.add(issue);
      }
    }
    assertThat(doneLater).as("Jira items done on a later day").isNotEmpty();
    for (JsonNode issue : doneLater) {
      String key = issue.get("key").asText();
      LocalDate created =
          jira(issue.get("fields").get("created").asText()).atZone(UTC).toLocalDate();
      JsonNode open = jiraIssue(snapshot(created), key);
      JsonNode fields = open.get("fields");
      assertThat(fields.get("resolutiondate").isNull()).as(key).isTrue();
      assertThat(fields.get("resolution").isNull()).as(key).isTrue();
      assertThat(fields.get("status").get("statusCategory").get("key").asText())
          .as(key)
          .isNotEqualTo("done");
      assertThat(open.get("changelog").get("histories")).as(key).isEmpty();
      assertThat(fields.get("duedate")).isEqualTo(issue.get("fields").get("duedate"));
      assertThat(csvRow(snapshot(created), key)).as(key).doesNotContain("Done");
      JsonNode followUp = followUpByJiraKey(snapshot(created), key);
      assertThat(followUp.get("status").asText()).isEqualTo("outstanding");
      assertThat(followUp.get("completed_at").isNull()).isTrue();

      // Items created after the cutoff are absent.
      Instant cutoff = cutoff(created);
      Set<String> expected = new TreeSet<>();
      for (JsonNode any : jiraIssues(out)) {
        if (!jira(any.get("fields").get("created").asText()).isAfter(cutoff)) {
          expected.add(any.get("key").asText());
        }
      }
      Set<String> actual = new TreeSet<>();
      jiraIssues(snapshot(created)).forEach(any -> actual.add(any.get("key").asText()));
      assertThat(actual).isEqualTo(expected);
      assertThat(expected.size()).isLessThan(jiraIssues(out).size());
    }
  }

  @Test
  void anAlertFiringAcrossTheCutoffIsFiringWithTheZeroEndInThatSnapshot() throws IOException {
    Map<String, JsonNode> resolvedAcrossMidnight = new TreeMap<>();
    for (JsonNode payload : alertmanager(out)) {
      JsonNode alert = payload.get("alerts").get(0);
      Instant starts = Instant.parse(alert.get("startsAt").asText());
      if (payload.get("status").asText().equals("resolved")
          && starts.isBefore(cutoff(starts.atZone(UTC).toLocalDate()).minusSeconds(60))
          && Instant.parse(alert.get("endsAt").asText())
              .isAfter(cutoff(starts.atZone(UTC).toLocalDate()))) {
        resolvedAcrossMidnight.put(firing(alert), alert);
      }
    }
    assertThat(resolvedAcrossMidnight).as("alerts resolved after midnight").isNotEmpty();
    for (Map.Entry<String, JsonNode> entry : resolvedAcrossMidnight.entrySet()) {
      LocalDate day =
          Instant.parse(entry.getValue().get("startsAt").asText()).atZone(UTC).toLocalDate();
      List<JsonNode> seen = new ArrayList<>();
      for (JsonNode payload : alertmanager(snapshot(day))) {
        if (firing(payload.get("alerts").get(0)).equals(entry.getKey())) {
          seen.add(payload);
        }
      }
      assertThat(seen).as(entry.getKey()).isNotEmpty();
      for (JsonNode payload : seen) {
        assertThat(payload.get("status").asText()).isEqualTo("firing");
        assertThat(payload.get("alerts").get(0).get("endsAt").asText())
            .isEqualTo(AlertmanagerWriter.ZERO_TIME);
      }
    }
  }

  @Test
  void slackGrowsDayByDayWithTheSameUsers() throws IOException {
    String users = Files.readString(out.resolve("slack/users.json"));
    Map<String, String> previous = Map.of();
    Set<String> previousChannels = Set.of();
    List<Integer> sizes = new ArrayList<>();
    for (LocalDate day : days) {
      Path slack = snapshot(day).resolve("slack");
      assertThat(Files.readString(slack.resolve("users.json"))).isEqualTo(users);
      Map<String, String> messages = slackMessages(slack);
      for (Map.Entry<String, String> message : previous.entrySet()) {
        assertThat(messages)
            .as(day + " " + message.getKey())
            .containsEntry(message.getKey(), message.getValue());
      }
      Set<String> channels = new TreeSet<>();
      for (JsonNode channel : MAPPER.readTree(slack.resolve("channels.json").toFile())) {
        channels.add(channel.get("name").asText());
        assertThat(Instant.ofEpochSecond(channel.get("created").asLong()))
            .isBeforeOrEqualTo(cutoff(day));
      }
      assertThat(channels).containsAll(previousChannels);
      sizes.add(messages.size());
      previous = messages;
      previousChannels = channels;
    }
    assertThat(sizes).isSorted();
    assertThat(sizes.get(0)).isPositive();
    assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(sizes.get(0) * 10);
    assertThat(previous).isEqualTo(slackMessages(out.resolve("slack")));
    // Quiet days happen (few team messages on weekends), quiet weeks do not.
    for (int i = 7; i < sizes.size(); i++) {
      assertThat(sizes.get(i)).as(days.get(i).toString()).isGreaterThan(sizes.get(i - 7));
    }
  }

  /** The first plan, over seeds 1 to 200 of a small organisation's quarter, that fits. */
  static Map.Entry<Simulation, IncidentPlan> firstPlan(Predicate<IncidentPlan> fits) {
    for (long seed = 1; seed <= 200; seed++) {
      Simulation simulation =
          new Simulation(Organisation.create(seed, OrgSize.SMALL), YearMonth.of(2026, 1), 3);
      for (IncidentPlan plan : simulation.incidents) {
        if (fits.test(plan)) {
          return Map.entry(simulation, plan);
        }
      }
    }
    throw new AssertionError("No plan fits in 200 seeds");
  }

  @Test
  void anUpgradedIncidentHasItsFirstSeverityAndOnlyTheRolesAssignedByTheCutoff()
      throws IOException {
    Map.Entry<Simulation, IncidentPlan> found =
        firstPlan(
            plan ->
                IncidentIoWriter.upgraded(plan)
                    && plan.techLeadAt.isAfter(plan.assembledAt.plusSeconds(1)));
    Simulation simulation = found.getKey();
    IncidentPlan plan = found.getValue();
    Path assembled = directory.resolve("just-assembled");
    Path raised = directory.resolve("severity-raised");
    Generator.writeSnapshot(
        simulation, assembled, new GenerationSummary(), Cutoff.at(plan.assembledAt));
    Generator.writeSnapshot(
        simulation, raised, new GenerationSummary(), Cutoff.at(IncidentIoWriter.upgradedAt(plan)));

    JsonNode early = incidentById(assembled, plan.ulid);
    assertThat(early.get("severity").get("name").asText())
        .isEqualTo(IncidentIoWriter.SEVERITY_NAMES.get(plan.severity));
    assertThat(roleAssignee(early, "Incident Lead")).isNotNull();
    assertThat(roleAssignee(early, "Technical Lead")).isNull();
    assertThat(updateMessages(assembled, plan.ulid))
        .doesNotContain("Impact is wider than first thought; raising severity.");

    JsonNode late = incidentById(raised, plan.ulid);
    assertThat(late.get("severity").get("name").asText())
        .isEqualTo(IncidentIoWriter.SEVERITY_NAMES.get(plan.severity - 1));
    assertThat(updateMessages(raised, plan.ulid))
        .contains("Impact is wider than first thought; raising severity.");
  }

  @Test
  void aDeclinedIncidentIsLiveUntilItIsDeclined() throws IOException {
    Map.Entry<Simulation, IncidentPlan> found =
        firstPlan(plan -> plan.finalStatus.equals("declined") && plan.paged);
    Simulation simulation = found.getKey();
    IncidentPlan plan = found.getValue();
    Path before = directory.resolve("before-decline");
    Path after = directory.resolve("after-decline");
    Instant declinedAt = Cutoff.declinedAt(plan);
    Generator.writeSnapshot(
        simulation, before, new GenerationSummary(), Cutoff.at(declinedAt.minusMillis(1)));
    Generator.writeSnapshot(simulation, after, new GenerationSummary(), Cutoff.at(declinedAt));

    JsonNode live = incidentById(before, plan.ulid);
    assertThat(live.get("incident_status").get("name").asText()).isEqualTo("Investigating");
    assertThat(timestamp(live, "Declined at")).isNull();
    JsonNode declined = incidentById(after, plan.ulid);
    assertThat(declined.get("incident_status").get("name").asText()).isEqualTo("Declined");
    assertThat(timestamp(declined, "Declined at")).isEqualTo(Formats.incidentIo(declinedAt));
    // PagerDuty resolves a declined incident ten minutes after it was reported.
    assertThat(pagerDutyIncident(after, plan.number).get("status").asText())
        .isNotEqualTo("resolved");
  }

  static String roleAssignee(JsonNode incident, String role) {
    for (JsonNode assignment : incident.get("incident_role_assignments")) {
      if (assignment.get("role").get("name").asText().equals(role)) {
        return assignment.has("assignee") ? assignment.get("assignee").get("name").asText() : null;
      }
    }
    throw new AssertionError("No role " + role);
  }

  @Test
  void aReopenedIncidentIsResolvedBeforeItsReopeningAndOpenAgainAfter() throws IOException {
    Simulation simulation = new Simulation(Organisation.create(SEED, OrgSize.SMALL), JANUARY, 1);
    IncidentPlan reopened =
        simulation.incidents.stream()
            .filter(plan -> plan.reopened && plan.resolvedAt != null)
            .findFirst()
            .orElseThrow();
    Path beforeReopening = directory.resolve("before-reopening");
    Path afterReopening = directory.resolve("after-reopening");
    Path finalState = directory.resolve("final-state");
    GenerationSummary summary = new GenerationSummary();
    Generator.writeSnapshot(
        simulation, beforeReopening, summary, Cutoff.at(reopened.reopenedAt.minusMillis(1)));
    Generator.writeSnapshot(
        simulation, afterReopening, summary, Cutoff.at(reopened.resolvedAt.minusMillis(1)));
    Generator.writeSnapshot(simulation, finalState, summary, Cutoff.NONE);

    JsonNode first = incidentById(beforeReopening, reopened.ulid);
    assertThat(first.get("incident_status").get("name").asText()).isEqualTo("Documenting");
    assertThat(timestamp(first, "Resolved at"))
        .isEqualTo(Formats.incidentIo(reopened.firstResolvedAt));
    assertThat(updateMessages(beforeReopening, reopened.ulid))
        .contains("Resolved.")
        .doesNotContain("Errors have returned; reopening.");

    JsonNode again = incidentById(afterReopening, reopened.ulid);
    assertThat(again.get("incident_status").get("category").asText()).isEqualTo("live");
    assertThat(timestamp(again, "Resolved at")).isNull();
    assertThat(updateMessages(afterReopening, reopened.ulid))
        .contains("Resolved.", "Errors have returned; reopening.")
        .doesNotContain("Resolved. A post-mortem will follow.");

    JsonNode last = incidentById(finalState, reopened.ulid);
    assertThat(last.get("incident_status").get("category").asText()).isIn("learning", "closed");
    assertThat(timestamp(last, "Resolved at")).isEqualTo(Formats.incidentIo(reopened.resolvedAt));
    assertThat(records(finalState.resolve("incidentio")))
        .isEqualTo(records(out.resolve("incidentio")));

    assertThat(slackTexts(beforeReopening, reopened.channelName))
        .contains("/inc resolve")
        .doesNotContain("/inc status investigating");
    assertThat(slackTexts(afterReopening, reopened.channelName))
        .contains("/inc resolve", "/inc status investigating");
  }

  // --- reading the exports, independently of the ingest ---

  /** Every file under a tool folder, sorted. */
  static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * A tool's records, sorted canonical JSON: the elements of every array at a file's top level, the
   * non-page objects of a file's top level, one line of JSON Lines, one CSV row, one Markdown file.
   */
  static List<String> records(Path root) throws IOException {
    List<String> records = new ArrayList<>();
    for (Path file : files(root)) {
      String relative = root.relativize(file).toString();
      String folder =
          relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
      String name = file.getFileName().toString();
      if (name.endsWith(".jsonl")) {
        for (String line : Files.readAllLines(file)) {
          records.add(MAPPER.readTree(line).toString());
        }
      } else if (name.endsWith(".json")) {
        JsonNode root1 = MAPPER.readTree(file.toFile());
        if (root1.isArray()) {
          root1.forEach(element -> records.add(folder + " " + element));
        } else {
          for (Map.Entry<String, JsonNode> field : root1.properties()) {
            if (field.getValue().isArray()) {
              field.getValue().forEach(element -> records.add(field.getKey() + " " + element));
            } else if (field.getValue().isObject()
                && !List.of("page", "pagination_meta").contains(field.getKey())) {
              records.add(field.getKey() + " " + field.getValue());
            }
          }
        }
      } else if (name.endsWith(".csv")) {
        records.addAll(Files.readAllLines(file));
      } else {
        records.add(relative + " " + Files.readString(file));
      }
    }
    records.sort(null);
    return records;
  }

  /** What identifies a record across snapshots: its id, a Slack message's ts, a whole payload. */
  static Set<String> keys(Path root) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path file : files(root)) {
      String relative = root.relativize(file).toString();
      String name = file.getFileName().toString();
      if (name.endsWith(".jsonl")) {
        keys.addAll(Files.readAllLines(file));
      } else if (name.endsWith(".json")) {
        collectKeys(
            MAPPER.readTree(file.toFile()),
            relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : name,
            keys);
      } else if (name.endsWith(".md")) {
        keys.add(relative);
      }
    }
    return keys;
  }

  private static void collectKeys(JsonNode node, String scope, Set<String> keys) {
    List<JsonNode> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getValue().isArray()) {
          field.getValue().forEach(elements::add);
        } else if (field.getKey().equals("incident")) {
          elements.add(field.getValue());
        }
      }
    }
    for (JsonNode element : elements) {
      if (element.has("id")) {
        keys.add(scope + " " + element.get("id").asText());
      } else if (element.has("ts")) {
        keys.add(scope + " " + element.get("ts").asText());
      }
    }
  }

  /**
   * Every instant a file states: vendor timestamps, Slack ts and channel creation, front matter.
   */
  static List<Instant> instants(Path file) throws IOException {
    List<Instant> instants = new ArrayList<>();
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl")) {
      for (String line : Files.readAllLines(file)) {
        collectInstants(MAPPER.readTree(line), null, instants);
      }
    } else if (name.endsWith(".json")) {
      collectInstants(MAPPER.readTree(file.toFile()), null, instants);
    } else if (name.endsWith(".md")) {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("published_at: ")) {
          instants.add(Instant.parse(line.substring("published_at: ".length())));
        }
      }
    }
    return instants;
  }

  private static void collectInstants(JsonNode node, String field, List<Instant> instants) {
    if (node.isContainerNode()) {
      if (node.isObject()) {
        node.properties()
            .forEach(entry -> collectInstants(entry.getValue(), entry.getKey(), instants));
      } else {
        node.forEach(element -> collectInstants(element, field, instants));
      }
      return;
    }
    if (field == null) {
      return;
    }
    if ((field.equals("ts") || field.equals("thread_ts")) && node.isTextual()) {
      instants.add(
          Instant.ofEpochSecond(
              Long.parseLong(node.asText().substring(0, node.asText().indexOf('.')))));
    } else if (field.equals("created") && node.isNumber()) {
      instants.add(Instant.ofEpochSecond(node.asLong()));
    } else if (node.isTextual()
        && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*")
        && !node.asText().equals(AlertmanagerWriter.ZERO_TIME)) {
      String text = node.asText();
      instants.add(
          text.matches(".*[+-]\\d{4}$") ? jira(text) : OffsetDateTime.parse(text).toInstant());
    }
  }

  static Instant jira(String text) {
    return OffsetDateTime.parse(text, JIRA).toInstant();
  }

  static LocalDate day(String isoInstant) {
    return OffsetDateTime.parse(isoInstant).toInstant().atZone(UTC).toLocalDate();
  }

  static JsonNode incidentIo(Path export) throws IOException {
    return MAPPER.readTree(export.resolve("incidentio/incidents-0001.json").toFile());
  }

  static JsonNode incidentById(Path export, String id) throws IOException {
    for (JsonNode incident : incidentIo(export).get("incidents")) {
      if (incident.get("id").asText().equals(id)) {
        return incident;
      }
    }
    throw new AssertionError("No incident " + id + " in " + export);
  }

  static String timestamp(JsonNode incident, String name) {
    for (JsonNode value : incident.get("incident_timestamp_values")) {
      if (value.get("incident_timestamp").get("name").asText().equals(name)) {
        return value.get("value").isNull() ? null : value.get("value").get("value").asText();
      }
    }
    throw new AssertionError("No timestamp " + name);
  }

  static List<JsonNode> updates(Path export, String incidentId) throws IOException {
    List<JsonNode> updates = new ArrayList<>();
    JsonNode page =
        MAPPER.readTree(export.resolve("incidentio/incident_updates-0001.json").toFile());
    for (JsonNode update : page.get("incident_updates")) {
      if (update.get("incident_id").asText().equals(incidentId)) {
        updates.add(update);
      }
    }
    return updates;
  }

  static List<String> updateStatuses(Path export, String incidentId) throws IOException {
    return updates(export, incidentId).stream()
        .map(update -> update.get("new_incident_status").get("name").asText())
        .toList();
  }

  static List<String> updateMessages(Path export, String incidentId) throws IOException {
    return updates(export, incidentId).stream()
        .filter(update -> !update.get("message").isNull())
        .map(update -> update.get("message").asText())
        .toList();
  }

  static JsonNode pagerDutyIncident(Path export, int number) throws IOException {
    for (JsonNode incident :
        MAPPER
            .readTree(export.resolve("pagerduty/incidents-0001.json").toFile())
            .get("incidents")) {
      if (incident.get("incident_number").asInt() == number) {
        return incident;
      }
    }
    return null;
  }

  static List<String> logEntryTypes(Path export, String incidentId) throws IOException {
    List<String> types = new ArrayList<>();
    for (Path file : files(export.resolve("pagerduty"))) {
      if (file.getFileName().toString().startsWith("log_entries-")) {
        for (JsonNode entry : MAPPER.readTree(file.toFile()).get("log_entries")) {
          if (entry.get("incident").get("id").asText().equals(incidentId)) {
            types.add(entry.get("type").asText());
          }
        }
      }
    }
    return types;
  }

  static List<JsonNode> jiraIssues(Path export) throws IOException {
    List<JsonNode> issues = new ArrayList<>();
    for (Path file : files(export.resolve("jira"))) {
      if (file.getFileName().toString().startsWith("search-")) {
        MAPPER.readTree(file.toFile()).get("issues").forEach(issues::add);
      }
    }
    return issues;
  }

  static JsonNode jiraIssue(Path export, String key) throws IOException {
    return jiraIssues(export).stream()
        .filter(issue -> issue.get("key").asText().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No issue " + key + " in " + export));
  }

  static String csvRow(Path export, String key) throws IOException {
    return Files.readAllLines(export.resolve("jira/export.csv")).stream()
        .filter(line -> line.contains("," + key + ","))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No CSV row " + key + " in " + export));
  }

  static JsonNode followUpByJiraKey(Path export, String key) throws IOException {
    JsonNode page = MAPPER.readTree(export.resolve("incidentio/follow_ups-0001.json").toFile());
    for (JsonNode followUp : page.get("follow_ups")) {
      JsonNode reference = followUp.get("external_issue_reference");
      if (!reference.isNull() && reference.get("issue_name").asText().equals(key)) {
        return followUp;
      }
    }
    throw new AssertionError("No follow-up for " + key + " in " + export);
  }

  static List<JsonNode> alertmanager(Path export) throws IOException {
    List<JsonNode> payloads = new ArrayList<>();
    for (Path file : files(export.resolve("alertmanager"))) {
      for (String line : Files.readAllLines(file)) {
        payloads.add(MAPPER.readTree(line));
      }
    }
    return payloads;
  }

  /** One firing: its labels and start. */
  static String firing(JsonNode alert) {
    return alert.get("labels").toString() + " " + alert.get("startsAt").asText();
  }

  /** Channel and ts → text, for every message of the export. */
  static Map<String, String> slackMessages(Path slack) throws IOException {
    Map<String, String> messages = new HashMap<>();
    Predicate<Path> dayFile =
        path -> path.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json");
    for (Path file : files(slack)) {
      if (dayFile.test(file)) {
        String channel = file.getParent().getFileName().toString();
        for (JsonNode message : MAPPER.readTree(file.toFile())) {
          messages.put(channel + " " + message.get("ts").asText(), message.get("text").asText());
        }
      }
    }
    return messages;
  }

  static List<String> slackTexts(Path export, String channel) throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path file : files(export.resolve("slack").resolve(channel))) {
      for (JsonNode message : MAPPER.readTree(file.toFile())) {
        texts.add(message.get("text").asText());
      }
    }
    return texts;
  }
}
