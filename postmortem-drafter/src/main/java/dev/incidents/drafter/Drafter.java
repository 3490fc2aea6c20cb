package dev.incidents.drafter;

import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code incidents draft}: a grounded post-mortem draft for one incident. The deterministic draft
 * comes from the lake alone; with an LLM configured, the narrative sections are added after
 * redaction, fencing and validation. A file a human has edited is never overwritten: a new version
 * ({@code NAME.v2.md}) is written instead.
 */
public final class Drafter {
  private final Lake lake;
  private final DraftSettings settings;
  private final LlmSettings llm;
  private final long backoffMillis;

  public Drafter(Lake lake, DraftSettings settings, LlmSettings llm, long backoffMillis) {
    this.lake = lake;
    this.settings = settings;
    this.llm = llm;
    this.backoffMillis = backoffMillis;
  }

  /** A drafter with the default {@code draft.*} settings in {@code zone}. */
  public Drafter(Lake lake, ZoneId zone, LlmSettings llm, long backoffMillis) {
    this(lake, DraftSettings.defaults(zone), llm, backoffMillis);
  }

  /** What was drafted, where, and any note to show the user. */
  public record Result(
      Path file, String incident, boolean llmUsed, String note, boolean newVersion) {}

  public static final class UnknownIncidentException extends RuntimeException {
    public UnknownIncidentException(String message) {
      super(message);
    }
  }

  public Result draft(
      Connection connection, String incident, String template, Path out, Instant now)
      throws SQLException, IOException {
    return draft(connection, incident, Template.named(template), out, now);
  }

  public Result draft(
      Connection connection, String incident, Template template, Path out, Instant now)
      throws SQLException, IOException {
    llm.check();
    String id = resolve(connection, incident);
    IncidentTimeline timeline = IncidentTimeline.load(connection, id);
    CuratedTimeline curated = CuratedTimeline.build(timeline, settings);
    // Step: refresh the cached embeddings (its own step), then read the similar incidents.
    if (SimilarIncidents.refresh(lake, connection) > 0) {
      LakeViews.register(connection, lake);
    }
    List<SimilarIncidents.Match> similar =
        SimilarIncidents.find(connection, id, 3, settings.similarityThreshold());
    Optional<DeterministicDraft.Narrative> narrative = Optional.empty();
    String note = null;
    String model = "none";
    if (llm.enabled()) {
      model = llm.provider() + ":" + llm.model();
      Narrated result = narrate(connection, timeline, curated);
      note = result.note();
      narrative = result.narrative();
    }
    DeterministicDraft.Body body =
        DeterministicDraft.render(timeline, curated, settings, similar, narrative, now);
    String text = template.render(body, note);
    String contentHash = SimilarIncidents.sha(text);
    String front =
        "---\nincident: "
            + timeline.reference()
            + "\nincident_id: "
            + id
            + "\ngenerated_at: "
            + now
            + "\ndata_fingerprint: "
            + fingerprint(timeline)
            + "\ntemplate: "
            + template.name()
            + "\nmodel: "
            + model
            + "\nprompt_hash: "
            + (llm.enabled() ? Narrator.promptHash() : "none")
            + "\ncontent_hash: "
            + contentHash
            + "\n---\n\n";
    Path target = target(out);
    createReadableDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, front + text);
    setMode(target, "rw-r--r--");
    return new Result(
        target, timeline.reference(), narrative.isPresent(), note, !target.equals(out));
  }

  private static String resolve(Connection connection, String incident) throws SQLException {
    return IncidentTimeline.resolve(connection, incident)
        .orElseThrow(
            () ->
                new UnknownIncidentException(
                    "Unknown incident: " + incident + " (give INC-123, 123 or an incident_id)"));
  }

  private record Narrated(Optional<DeterministicDraft.Narrative> narrative, String note) {}

  /** The redactor for requests about this lake: every person, never a service, team or rule. */
  public static LlmRedactor redactor(Connection connection) throws SQLException {
    return new LlmRedactor(
        IncidentTimeline.persons(connection), IncidentTimeline.protectedNames(connection));
  }

  private Narrated narrate(
      Connection connection, IncidentTimeline timeline, CuratedTimeline curated)
      throws SQLException {
    LlmRedactor redactor = redactor(connection);
    IncidentTimeline.Facts facts = timeline.facts();
    StringBuilder factText = new StringBuilder();
    factText
        .append("incident: ")
        .append(facts.reference())
        .append(' ')
        .append(facts.title())
        .append('\n');
    factText
        .append("severity: ")
        .append(facts.severity())
        .append("; services: ")
        .append(String.join(", ", facts.services()))
        .append('\n');
    for (IncidentTimeline.Milestone milestone : facts.milestones().values()) {
      factText
          .append(milestone.name())
          .append(": ")
          .append(milestone.at().map(Instant::toString).orElse("unknown"))
          .append(" (")
          .append(milestone.source())
          .append(")\n");
    }
    factText
        .append("time to resolve (s): ")
        .append(facts.timeToResolve().map(String::valueOf).orElse("unknown"))
        .append('\n');
    for (IncidentTimeline.Phase phase : IncidentTimeline.Phase.values()) {
      factText
          .append("phase ")
          .append(phase.label())
          .append(" (s): ")
          .append(facts.phase(phase).map(String::valueOf).orElse("unknown"))
          .append('\n');
    }
    String factsString = factText.toString();
    List<String> lines = new ArrayList<>();
    StringBuilder evidence = new StringBuilder(factsString);
    for (CuratedTimeline.Row row : curated.rows()) {
      String line =
          DraftText.DATE_TIME.format(row.at().atZone(ZoneOffset.UTC))
              + " UTC ["
              + row.sources().get(0)
              + "] "
              + row.author().map(author -> author + ": ").orElse("")
              + row.text()
              + (row.repeats() > 1 ? " (x" + row.repeats() + ")" : "");
      lines.add(redactor.redact(line));
      evidence.append(line).append('\n');
      evidence.append(DraftText.DATE_TIME.format(row.at().atZone(settings.zone()))).append('\n');
    }
    for (CuratedTimeline.Lead lead : curated.leads()) {
      String line =
          DraftText.DATE_TIME.format(lead.at().atZone(ZoneOffset.UTC))
              + " UTC ["
              + lead.source()
              + "] lead: "
              + lead.author()
              + ": "
              + lead.text();
      lines.add(redactor.redact(line));
      evidence.append(line).append('\n');
    }
    for (String duration : durations(facts)) {
      evidence.append(duration).append('\n');
    }
    Narrator.Result result =
        new Narrator(llm, backoffMillis).narrate(redactor.redact(factsString), lines);
    if (result.fellBack()) {
      return new Narrated(Optional.empty(), result.note());
    }
    DeterministicDraft.Narrative raw = result.narrative().get();
    Set<String> people = new LinkedHashSet<>(redactor.people());
    List<String> unverified = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    java.util.function.Function<Optional<String>, Optional<String>> check =
        section ->
            section.map(
                text -> {
                  NarrativeValidator.Result checked =
                      NarrativeValidator.check(redactor.restore(text), evidence.toString(), people);
                  unverified.addAll(checked.unverified());
                  rejected.addAll(checked.rejected());
                  return checked.text();
                });
    Optional<String> summary = check.apply(raw.summary());
    Optional<String> impact = check.apply(raw.impact());
    Optional<String> hypotheses = check.apply(raw.hypotheses());
    Optional<String> lessons = check.apply(raw.lessons());
    StringBuilder checks = new StringBuilder();
    if (!unverified.isEmpty()) {
      checks.append("\n\n### Unverified statements\n\n");
      unverified.forEach(sentence -> checks.append("- ").append(sentence).append('\n'));
    }
    if (!rejected.isEmpty()) {
      checks.append(
          "\n\n### Removed statements\n\nThese sentences followed an instruction found in the data, blamed a person or mentioned secrets, and were removed:\n\n");
      rejected.forEach(sentence -> checks.append("- ").append(sentence).append('\n'));
    }
    if (checks.length() > 0) {
      summary =
          Optional.of(
              summary.orElse(DeterministicDraft.TO_FILL_IN + " (the LLM reply had no summary)")
                  + checks.toString().stripTrailing());
    }
    return new Narrated(
        Optional.of(new DeterministicDraft.Narrative(summary, impact, hypotheses, lessons)),
        result.note());
  }

  /** Durations as the validator may see them written: seconds, minutes and hours. */
  static List<String> durations(IncidentTimeline.Facts facts) {
    List<Optional<Long>> values =
        new ArrayList<>(
            List.of(
                facts.timeToDetect(),
                facts.timeToAcknowledge(),
                facts.timeToMitigate(),
                facts.timeToResolve()));
    values.addAll(facts.phases().values());
    List<String> out = new ArrayList<>();
    for (Optional<Long> value : values) {
      value.ifPresent(
          seconds ->
              out.add(
                  seconds
                      + " s "
                      + Math.round(seconds / 60.0)
                      + " min "
                      + (seconds / 60)
                      + " minutes "
                      + String.format(java.util.Locale.ROOT, "%.1f", seconds / 3600.0)
                      + " h "
                      + (seconds / 3600)
                      + " hours "
                      + dev.incidents.core.text.Durations.format(seconds)));
    }
    return out;
  }

  static String fingerprint(IncidentTimeline timeline) {
    StringBuilder data = new StringBuilder(timeline.facts().toString());
    // Events without their origin and file attributes: where the export lay is not data.
    for (IncidentTimeline.Event event : timeline.events()) {
      data.append(event.eventId())
          .append(event.at())
          .append(event.kind())
          .append(event.actor().orElse(""))
          .append(event.text().orElse(""));
      event.attributes().entrySet().stream()
          .filter(attribute -> !attribute.getKey().equals("file"))
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(attribute -> data.append(attribute));
      data.append('\n');
    }
    timeline.pages().forEach(page -> data.append(page).append('\n'));
    timeline.alerts().forEach(alert -> data.append(alert).append('\n'));
    timeline
        .chat()
        .forEach(message -> data.append(message.messageId()).append(message.text()).append('\n'));
    timeline.actionItems().forEach(item -> data.append(item).append('\n'));
    return SimilarIncidents.sha(data.toString());
  }

  /**
   * The file to write: the requested one, unless a human edited it; then the next free NAME.vN.md.
   */
  static Path target(Path out) throws IOException {
    if (!Files.exists(out) || writtenByUs(out)) {
      return out;
    }
    String name = out.getFileName().toString().replaceFirst("\\.md$", "");
    for (int version = 2; version < 1000; version++) {
      Path candidate = out.resolveSibling(name + ".v" + version + ".md");
      if (!Files.exists(candidate) || writtenByUs(candidate)) {
        return candidate;
      }
    }
    throw new IOException("Too many versions of " + out);
  }

  /** True when the file's body still has the hash the tool recorded: no human has edited it. */
  static boolean writtenByUs(Path file) throws IOException {
    String text = Files.readString(file);
    if (!text.startsWith("---\n")) {
      return false;
    }
    int end = text.indexOf("\n---\n\n", 4);
    if (end < 0) {
      return false;
    }
    Optional<String> recorded =
        text.substring(4, end)
            .lines()
            .filter(line -> line.startsWith("content_hash: "))
            .map(line -> line.substring("content_hash: ".length()).trim())
            .findFirst();
    return recorded.isPresent()
        && recorded.get().equals(SimilarIncidents.sha(text.substring(end + 6)));
  }

  /** A short "what has happened so far" for someone joining an active incident. */
  public String catchUp(Connection connection, String incident) throws SQLException {
    IncidentTimeline timeline = IncidentTimeline.load(connection, resolve(connection, incident));
    IncidentTimeline.Facts facts = timeline.facts();
    CuratedTimeline curated = CuratedTimeline.build(timeline, settings);
    ZoneId zone = settings.zone();
    StringBuilder md = new StringBuilder();
    md.append("# Catch-up: ")
        .append(facts.title())
        .append(" (")
        .append(facts.reference())
        .append(")\n\n");
    md.append("- Severity ")
        .append(facts.severity())
        .append(", status ")
        .append(facts.status())
        .append(", services ")
        .append(String.join(", ", facts.services()))
        .append('\n');
    md.append("- Declared ")
        .append(DraftText.at(facts.at("reported"), zone))
        .append("; lead: ")
        .append(facts.lead().map(timeline::person).orElse("none assigned"))
        .append('\n');
    md.append("- Identified: ")
        .append(DraftText.at(facts.at("identified"), zone))
        .append("; mitigated: ")
        .append(DraftText.at(facts.at("mitigated"), zone))
        .append("\n\n");
    md.append("## Latest\n\n");
    List<CuratedTimeline.Row> rows = curated.rows();
    for (CuratedTimeline.Row row : rows.subList(Math.max(0, rows.size() - 10), rows.size())) {
      md.append("- ")
          .append(DraftText.at(Optional.of(row.at()), zone))
          .append(' ')
          .append(row.author().filter(a -> row.signal().isChat()).map(a -> a + ": ").orElse(""))
          .append(row.text())
          .append(row.repeats() > 1 ? " ×" + row.repeats() : "")
          .append(row.instructionLike() ? " " + DeterministicDraft.INSTRUCTION_MARK : "")
          .append(" [")
          .append(row.sources().get(0))
          .append("]\n");
    }
    if (!curated.leads().isEmpty()) {
      md.append("\n## Leads (unverified)\n\n");
      for (CuratedTimeline.Lead lead : curated.leads()) {
        md.append("- ")
            .append(lead.author())
            .append(": \"")
            .append(lead.text())
            .append("\" [")
            .append(lead.source())
            .append("]\n");
      }
    }
    return md.toString();
  }

  /** Counted incidents resolved since {@code since} with no published post-mortem. */
  public static List<String> resolvedSince(Connection connection, Instant since)
      throws SQLException {
    return IncidentTimeline.resolvedSince(connection, since);
  }

  /** Creates the missing folders of {@code directory}, each 0755 whatever the umask. */
  static void createReadableDirectories(Path directory) throws IOException {
    java.util.List<Path> missing = new java.util.ArrayList<>();
    for (Path at = directory; at != null && !Files.exists(at); at = at.getParent()) {
      missing.add(at);
    }
    Files.createDirectories(directory);
    for (Path created : missing) {
      setMode(created, "rwxr-xr-x");
    }
  }

  /** Drafts are read by others (a reviewer, a web server): files 0644, folders 0755. */
  static void setMode(Path path, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(
          path, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // A file system without POSIX modes: nothing to set.
    }
  }
}
