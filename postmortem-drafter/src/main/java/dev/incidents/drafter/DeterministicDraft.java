package dev.incidents.drafter;

import dev.incidents.drafter.IncidentTimeline.Entry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic skeleton of a post-mortem, built from the lake alone (Google, PagerDuty and
 * Atlassian style sections). Every timeline line cites its source id; facts the data could not
 * supply are listed under "Open questions" and marked for a human.
 */
public final class DeterministicDraft {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private DeterministicDraft() {}

  /** The draft body (no front matter), and the list of open questions it raised. */
  public record Body(String markdown, List<String> openQuestions) {}

  public static Body render(
      IncidentTimeline incident,
      ZoneId zone,
      String template,
      List<String> similar,
      String narrative) {
    StringBuilder md = new StringBuilder();
    List<String> open = new ArrayList<>();
    String title = incident.text("title");
    md.append("# Post-mortem: ")
        .append(title)
        .append(" (")
        .append(incident.reference())
        .append(")\n\n");
    md.append("> Draft (")
        .append(template)
        .append(
            " template) generated from the incident's timeline. Every timeline line cites its source.\n");
    md.append(
        "> Sections marked _to fill in_ need a human; blameless: describe systems and decisions, not people.\n\n");

    md.append("## Summary\n\n");
    if (narrative != null) {
      md.append(narrative).append("\n\n");
    }
    md.append("- **What:** ")
        .append(title)
        .append(incident.text("summary") == null ? "" : ". " + incident.text("summary"))
        .append('\n');
    md.append("- **Severity:** ")
        .append(incident.text("severity"))
        .append(" · **Type:** ")
        .append(orDash(incident.text("incident_type")))
        .append(" · **Services:** ")
        .append(orDash(incident.text("services")))
        .append('\n');
    md.append("- **Status:** ")
        .append(incident.text("status"))
        .append(
            Boolean.FALSE.equals(incident.facts().get("counted"))
                ? " (excluded from metrics: " + incident.text("exclusion_reason") + ")"
                : "")
        .append('\n');
    Optional<Long> ttr = incident.seconds("time_to_resolve_s");
    md.append("- **Duration:** ")
        .append(ttr.map(s -> duration(s) + " from impact start to resolution").orElse("unresolved"))
        .append("\n\n");
    if (ttr.isEmpty()) {
      open.add("The incident is not resolved: when did it end?");
    }

    md.append("## Customer impact\n\n");
    md.append("- **Impact window:** ")
        .append(at(incident.instant("impact_started_at"), zone))
        .append(" → ")
        .append(at(incident.instant("resolved_at"), zone))
        .append(" (impact start: ")
        .append(incident.text("impact_started_source"))
        .append(")\n");
    if (!"explicit".equals(incident.text("impact_started_source"))) {
      open.add(
          "When did customer impact really start? (impact start was inferred: "
              + incident.text("impact_started_source")
              + ")");
    }
    md.append("- **Affected services:** ").append(orDash(incident.text("services"))).append('\n');
    md.append("- **Alerts:** ")
        .append(incident.seconds("linked_alerts").orElse(0L))
        .append(" linked\n");
    List<Entry> updates =
        incident.entries().stream().filter(e -> e.kind().equals("status_update")).toList();
    for (Entry update : updates.subList(0, Math.min(3, updates.size()))) {
      md.append("- Stated: \"")
          .append(update.text().replaceFirst("^Status update: ", ""))
          .append("\" [")
          .append(update.sourceId())
          .append("]\n");
    }
    md.append("- **Customers affected, revenue, SLO budget:** _to fill in_\n\n");
    open.add("How many customers or requests were affected, and how much error budget was spent?");

    md.append("## Timeline\n\n");
    md.append("| Time (UTC) | Time (")
        .append(zone.getId())
        .append(") | Event | Source |\n|---|---|---|---|\n");
    for (Entry entry : incident.entries()) {
      md.append("| ")
          .append(TIME.format(entry.at().atZone(ZoneId.of("UTC"))))
          .append(" | ")
          .append(TIME.format(entry.at().atZone(zone)))
          .append(" | ")
          .append(cell(entry.text()))
          .append(" | [")
          .append(entry.sourceId())
          .append("] |\n");
    }
    md.append('\n');
    md.append("_")
        .append(incident.entries().size())
        .append(" timeline entries from ")
        .append(incident.chatMessages())
        .append(" chat messages and the incident's events, pages and alerts._\n\n");

    md.append("## Detection\n\n");
    md.append("- **Time to detect:** ")
        .append(
            incident
                .seconds("time_to_detect_s")
                .map(DeterministicDraft::duration)
                .orElse("unknown"))
        .append('\n');
    md.append("- **Detected at:** ")
        .append(at(incident.instant("detected_at"), zone))
        .append(" (")
        .append(incident.text("detected_source"))
        .append(")\n");
    incident.entries().stream()
        .filter(e -> e.kind().equals("alert_fired"))
        .findFirst()
        .ifPresent(
            alert ->
                md.append("- **First alert:** ")
                    .append(alert.text())
                    .append(" at ")
                    .append(at(Optional.of(alert.at()), zone))
                    .append(" [")
                    .append(alert.sourceId())
                    .append("]\n"));
    if (!"explicit".equals(incident.text("detected_source"))
        && !"fallback:earliest_alert".equals(incident.text("detected_source"))) {
      open.add("How was the incident detected? No alert is linked to it.");
    }
    md.append('\n');

    md.append("## Response\n\n");
    md.append("- **Paged:** ")
        .append(at(incident.instant("paged_at"), zone))
        .append("; **acknowledged:** ")
        .append(at(incident.instant("acknowledged_at"), zone))
        .append(" (time to acknowledge ")
        .append(
            incident
                .seconds("time_to_acknowledge_s")
                .map(DeterministicDraft::duration)
                .orElse("unknown"))
        .append(")\n");
    md.append("- **Lead:** ")
        .append(orDash(incident.text("lead")))
        .append(", assigned ")
        .append(at(incident.instant("assembled_at"), zone))
        .append(" (assembly ")
        .append(
            incident
                .seconds("phase_assemble_s")
                .map(DeterministicDraft::duration)
                .orElse("unknown"))
        .append(")\n");
    for (Entry role :
        incident.entries().stream().filter(e -> e.kind().equals("role_assigned")).toList()) {
      md.append("- ")
          .append(role.text())
          .append(" at ")
          .append(at(Optional.of(role.at()), zone))
          .append(" [")
          .append(role.sourceId())
          .append("]\n");
    }
    if (incident.instant("acknowledged_at").isEmpty()) {
      open.add("Nobody acknowledged the page: why?");
    }
    if (incident.instant("assembled_at").isEmpty()) {
      open.add("Who led the incident, and from when? No lead assignment was recorded.");
    }
    md.append('\n');

    md.append("## Recovery and mitigation\n\n| Phase | Duration |\n|---|---|\n");
    for (String phase : List.of("detect", "assemble", "troubleshoot", "mitigate", "cleanup")) {
      md.append("| ")
          .append(phase)
          .append(" | ")
          .append(
              incident
                  .seconds("phase_" + phase + "_s")
                  .map(DeterministicDraft::duration)
                  .orElse("n/a"))
          .append(" |\n");
    }
    md.append("\n- **Mitigated:** ")
        .append(at(incident.instant("mitigated_at"), zone))
        .append(" (")
        .append(incident.text("mitigated_source"))
        .append(")\n");
    md.append("- **Resolved:** ").append(at(incident.instant("resolved_at"), zone)).append('\n');
    if (Boolean.TRUE.equals(incident.facts().get("milestones_reordered"))) {
      md.append("- Some milestones were recorded out of order and clamped; check the timeline.\n");
      open.add("Some milestones were recorded out of order: which times are right?");
    }
    md.append('\n');

    md.append(
        "## Root cause and contributing factors\n\n_To fill in._ Describe the system, not the people:\n\n");
    md.append(
        "- What changed, and what made the system vulnerable to it?\n- Why did our safeguards (tests, canaries, alerts) not catch it earlier?\n");
    md.append("- What made diagnosis take ")
        .append(
            incident
                .seconds("phase_troubleshoot_s")
                .map(DeterministicDraft::duration)
                .orElse("the time it took"))
        .append("?\n\n");

    md.append(
        "## What went well\n\n_To fill in._ What helped detection, response and recovery?\n\n");
    md.append("## What went badly\n\n_To fill in._ Where did we lose time? Consider assembly (")
        .append(
            incident.seconds("phase_assemble_s").map(DeterministicDraft::duration).orElse("n/a"))
        .append(").\n\n");

    md.append(
        "## Action items\n\n| Item | Owner | Due | Status | Source |\n|---|---|---|---|---|\n");
    for (Map<String, Object> item : incident.actionItems()) {
      md.append("| ")
          .append(cell(String.valueOf(item.get("title"))))
          .append(" | ")
          .append(orDash((String) item.get("owner")))
          .append(" | ")
          .append(orDash((String) item.get("due_date")))
          .append(" | ")
          .append(item.get("status"))
          .append(" | [")
          .append(item.get("action_item_id"))
          .append("] |\n");
    }
    md.append(
        "| _to fill in: prevent recurrence_ | | | | |\n| _to fill in: detect faster_ | | | | |\n\n");
    if (incident.actionItems().stream()
        .anyMatch(item -> item.get("owner") == null || item.get("due_date") == null)) {
      open.add("Some action items have no owner or due date.");
    }

    md.append("## Similar past incidents\n\n");
    if (similar.isEmpty()) {
      md.append("_None found._\n\n");
    } else {
      similar.forEach(line -> md.append("- ").append(line).append('\n'));
      md.append('\n');
    }

    md.append("## Open questions\n\n");
    open.forEach(question -> md.append("- ").append(question).append('\n'));
    md.append('\n');
    return new Body(md.toString(), open);
  }

  static String at(Optional<Instant> instant, ZoneId zone) {
    return instant
        .map(
            value ->
                TIME.format(value.atZone(ZoneId.of("UTC")))
                    + " UTC ("
                    + TIME.format(value.atZone(zone)).substring(11)
                    + " "
                    + zone.getId()
                    + ")")
        .orElse("unknown");
  }

  static String duration(long seconds) {
    Duration duration = Duration.ofSeconds(seconds);
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return duration.toMinutes() + " min";
    }
    return String.format(
        Locale.ROOT, "%d h %02d min", duration.toHours(), duration.toMinutesPart());
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }

  private static String cell(String value) {
    return value == null ? "" : value.replace("|", "\\|").replace("\n", " ");
  }
}
