package dev.incidents.drafter;

import dev.incidents.drafter.IncidentTimeline.Entry;
import dev.incidents.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private final ZoneId zone;
  private final LlmSettings llm;
  private final long backoffMillis;

  public Drafter(Lake lake, ZoneId zone, LlmSettings llm, long backoffMillis) {
    this.lake = lake;
    this.zone = zone;
    this.llm = llm;
    this.backoffMillis = backoffMillis;
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
    String id =
        IncidentTimeline.resolve(connection, incident)
            .orElseThrow(
                () ->
                    new UnknownIncidentException(
                        "Unknown incident: "
                            + incident
                            + " (give INC-123, 123 or an incident_id)"));
    IncidentTimeline timeline = IncidentTimeline.load(connection, id);
    List<String> similar = new ArrayList<>();
    for (SimilarIncidents.Match match : SimilarIncidents.find(lake, connection, id, 3)) {
      similar.add(
          String.format(
              java.util.Locale.ROOT,
              "%s %s — %s (similarity %.2f)%s",
              match.reference(),
              match.title(),
              match.timeToResolve() == null
                  ? "not resolved"
                  : "resolved in " + DeterministicDraft.duration(match.timeToResolve()),
              match.similarity(),
              match.postmortemUrl() == null ? "" : "; post-mortem: " + match.postmortemUrl()));
    }
    String narrative = null;
    String note = null;
    String model = "none";
    if (llm.enabled()) {
      model = llm.provider() + ":" + (llm.model().isEmpty() ? "default" : llm.model());
      Narrator.Narrative result = narrate(timeline);
      note = result.note();
      narrative = result.text();
    }
    DeterministicDraft.Body body =
        DeterministicDraft.render(timeline, zone, template, similar, narrative);
    String text = body.markdown();
    if (note != null) {
      text =
          text.replaceFirst(
              "\n## Summary\n", "\n> **LLM:** " + note.replace("\n", " ") + "\n\n## Summary\n");
    }
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
            + template
            + "\nmodel: "
            + model
            + "\nprompt_hash: "
            + (llm.enabled() ? Narrator.promptHash() : "none")
            + "\ncontent_hash: "
            + contentHash
            + "\n---\n\n";
    Path target = target(out);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, front + text);
    return new Result(target, timeline.reference(), narrative != null, note, !target.equals(out));
  }

  private Narrator.Narrative narrate(IncidentTimeline timeline) {
    Set<String> people = new LinkedHashSet<>();
    for (Entry entry : timeline.entries()) {
      if (entry.actor() != null) {
        people.add(entry.actor());
      }
    }
    if (timeline.text("lead") != null) {
      people.add(timeline.text("lead"));
    }
    LlmRedactor redactor = new LlmRedactor(new ArrayList<>(people));
    String facts =
        String.join(
            "\n",
            "incident: " + timeline.reference() + " " + timeline.text("title"),
            "severity: " + timeline.text("severity") + "; services: " + timeline.text("services"),
            "impact started: "
                + timeline.instant("impact_started_at").map(Instant::toString).orElse("unknown"),
            "resolved: " + timeline.instant("resolved_at").map(Instant::toString).orElse("unknown"),
            "time to resolve (s): "
                + timeline.seconds("time_to_resolve_s").map(String::valueOf).orElse("unknown"),
            "phases (s): detect "
                + timeline.seconds("phase_detect_s").orElse(null)
                + ", assemble "
                + timeline.seconds("phase_assemble_s").orElse(null)
                + ", troubleshoot "
                + timeline.seconds("phase_troubleshoot_s").orElse(null)
                + ", mitigate "
                + timeline.seconds("phase_mitigate_s").orElse(null)
                + ", cleanup "
                + timeline.seconds("phase_cleanup_s").orElse(null));
    List<String> lines = new ArrayList<>();
    StringBuilder evidence = new StringBuilder(facts).append('\n');
    for (Entry entry : timeline.entries()) {
      String line =
          DeterministicDraft.TIME.format(entry.at().atZone(ZoneId.of("UTC")))
              + " UTC / "
              + DeterministicDraft.TIME.format(entry.at().atZone(zone))
              + " "
              + zone.getId()
              + " ["
              + entry.sourceId()
              + "] "
              + entry.text();
      lines.add(redactor.redact(line));
      evidence.append(line).append('\n');
    }
    for (String duration : durations(timeline)) {
      evidence.append(duration).append('\n');
    }
    Narrator.Narrative narrative =
        new Narrator(llm, backoffMillis).narrate(redactor.redact(facts), lines);
    if (narrative.fellBack()) {
      return narrative;
    }
    String restored = redactor.restore(narrative.text());
    NarrativeValidator.Result checked =
        NarrativeValidator.check(restored, evidence.toString(), people);
    StringBuilder text = new StringBuilder(checked.text());
    if (!checked.unverified().isEmpty()) {
      text.append("\n\n### Unverified statements\n\n");
      checked.unverified().forEach(sentence -> text.append("- ").append(sentence).append('\n'));
    }
    if (!checked.rejected().isEmpty()) {
      text.append(
          "\n\n### Removed statements\n\nThese sentences followed an instruction found in the data, blamed a person or mentioned secrets, and were removed:\n\n");
      checked.rejected().forEach(sentence -> text.append("- ").append(sentence).append('\n'));
    }
    return new Narrator.Narrative(
        text.toString(),
        narrative.note(),
        narrative.chunks(),
        narrative.summarisedEntries(),
        false);
  }

  /** Durations as the validator may see them written: seconds, minutes and hours. */
  static List<String> durations(IncidentTimeline timeline) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, Object> fact : timeline.facts().entrySet()) {
      if (fact.getKey().endsWith("_s") && fact.getValue() instanceof Number number) {
        long seconds = number.longValue();
        values.add(
            seconds
                + " s "
                + Math.round(seconds / 60.0)
                + " min "
                + (seconds / 60)
                + " minutes "
                + String.format(java.util.Locale.ROOT, "%.1f", seconds / 3600.0)
                + " h "
                + (seconds / 3600)
                + " hours");
      }
    }
    return values;
  }

  static String fingerprint(IncidentTimeline timeline) {
    StringBuilder data = new StringBuilder(timeline.facts().toString());
    for (Entry entry : timeline.entries()) {
      data.append(entry).append('\n');
    }
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
    String id =
        IncidentTimeline.resolve(connection, incident)
            .orElseThrow(() -> new UnknownIncidentException("Unknown incident: " + incident));
    IncidentTimeline timeline = IncidentTimeline.load(connection, id);
    StringBuilder md = new StringBuilder();
    md.append("# Catch-up: ")
        .append(timeline.text("title"))
        .append(" (")
        .append(timeline.reference())
        .append(")\n\n");
    md.append("- Severity ")
        .append(timeline.text("severity"))
        .append(", status ")
        .append(timeline.text("status"))
        .append(", services ")
        .append(timeline.text("services"))
        .append('\n');
    md.append("- Declared ")
        .append(DeterministicDraft.at(timeline.instant("reported_at"), zone))
        .append("; lead: ")
        .append(timeline.text("lead") == null ? "none assigned" : timeline.text("lead"))
        .append('\n');
    md.append("- Identified: ")
        .append(DeterministicDraft.at(timeline.instant("identified_at"), zone))
        .append("; mitigated: ")
        .append(DeterministicDraft.at(timeline.instant("mitigated_at"), zone))
        .append("\n\n");
    md.append("## Latest\n\n");
    List<Entry> entries = timeline.entries();
    for (Entry entry : entries.subList(Math.max(0, entries.size() - 10), entries.size())) {
      md.append("- ")
          .append(DeterministicDraft.TIME.format(entry.at().atZone(zone)))
          .append(' ')
          .append(entry.text())
          .append(" [")
          .append(entry.sourceId())
          .append("]\n");
    }
    return md.toString();
  }

  /** Counted incidents resolved since {@code since} with no published post-mortem. */
  public static List<String> resolvedSince(Connection connection, Instant since)
      throws SQLException {
    List<String> references = new ArrayList<>();
    for (Map<String, Object> row :
        IncidentTimeline.rows(
            connection,
            "SELECT coalesce(reference, incident_id) AS reference FROM incident_facts WHERE counted AND resolved_at >= ? AND postmortem_published_at IS NULL ORDER BY resolved_at",
            java.sql.Timestamp.from(since))) {
      references.add((String) row.get("reference"));
    }
    return references;
  }
}
