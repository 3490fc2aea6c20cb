package dev.incidents.drafter;

import dev.incidents.core.text.Durations;
import dev.incidents.drafter.CuratedTimeline.Lead;
import dev.incidents.drafter.CuratedTimeline.Row;
import dev.incidents.drafter.IncidentTimeline.ActionItem;
import dev.incidents.drafter.IncidentTimeline.ChatRecord;
import dev.incidents.drafter.IncidentTimeline.Event;
import dev.incidents.drafter.IncidentTimeline.Facts;
import dev.incidents.drafter.IncidentTimeline.Milestone;
import dev.incidents.drafter.IncidentTimeline.Phase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a post-mortem draft from the lake alone, as named sections (the placeholders of
 * the templates). Every timeline line cites its source; every milestone says how incident_facts
 * obtained it; facts the data could not supply become "Open questions"; chat that reads like an
 * instruction is marked. An LLM narrative, when there is one, fills the narrative parts.
 */
public final class DeterministicDraft {
  static final String TO_FILL_IN = "_to fill in_";
  static final String INSTRUCTION_MARK = "⚠ instruction-like text from chat";

  private DeterministicDraft() {}

  /** The sections by placeholder name, and the open questions they raised. */
  public record Body(Map<String, String> sections, List<String> openQuestions) {
    public Body {
      sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
      openQuestions = List.copyOf(openQuestions);
    }

    public String section(String name) {
      String text = sections.get(name);
      if (text == null) {
        throw new IllegalArgumentException("Unknown section: " + name);
      }
      return text;
    }
  }

  /** The narrative parts an LLM wrote (already validated); empty ones are marked to fill in. */
  public record Narrative(
      Optional<String> summary,
      Optional<String> impact,
      Optional<String> hypotheses,
      Optional<String> lessons) {}

  /** The section names a user template may use as {@code {{name}}}. */
  public static final List<String> SECTIONS =
      List.of(
          "title",
          "reference",
          "metadata",
          "summary",
          "impact",
          "milestones",
          "timeline",
          "detection",
          "response",
          "responders",
          "recovery",
          "trigger",
          "root_cause",
          "leads",
          "what_went_well",
          "what_went_badly",
          "where_we_got_lucky",
          "lessons",
          "five_whys",
          "action_items",
          "recurrence",
          "messaging",
          "similar",
          "open_questions",
          "appendix");

  public static Body render(
      IncidentTimeline incident,
      CuratedTimeline timeline,
      DraftSettings settings,
      List<SimilarIncidents.Match> similar,
      Optional<Narrative> narrative,
      Instant generatedAt) {
    Facts facts = incident.facts();
    ZoneId zone = settings.zone();
    List<String> open = new ArrayList<>();
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("title", facts.title());
    sections.put("reference", facts.reference());

    StringBuilder metadata = new StringBuilder();
    metadata
        .append("- **Incident:** ")
        .append(facts.reference())
        .append(" · **Severity:** ")
        .append(facts.severity())
        .append(" · **Type:** ")
        .append(DraftText.orDash(facts.incidentType().orElse(null)))
        .append('\n');
    metadata
        .append("- **Status:** ")
        .append(facts.status())
        .append(
            facts.counted()
                ? ""
                : " (excluded from metrics: " + facts.exclusionReason().orElse("unknown") + ")")
        .append('\n');
    metadata
        .append("- **Date:** ")
        .append(DraftText.at(facts.at("reported"), zone))
        .append(" · **Draft generated:** ")
        .append(DraftText.at(Optional.of(generatedAt), zone))
        .append('\n');
    metadata.append("- **Authors:** ").append(TO_FILL_IN).append('\n');
    sections.put("metadata", metadata.toString());

    StringBuilder summary = new StringBuilder();
    narrative
        .map(n -> n.summary().orElse(TO_FILL_IN + " (the LLM reply had no summary)"))
        .ifPresent(text -> summary.append(text).append("\n\n"));
    summary
        .append("- **What:** ")
        .append(facts.title())
        .append(facts.summary().map(s -> ". " + s).orElse(""))
        .append('\n');
    summary
        .append("- **Services:** ")
        .append(DraftText.orDash(String.join(", ", facts.services())))
        .append('\n');
    summary
        .append("- **Duration:** ")
        .append(
            facts
                .timeToResolve()
                .map(s -> Durations.format(s) + " from impact start to resolution")
                .orElse("unresolved"))
        .append('\n');
    if (facts.timeToResolve().isEmpty()) {
      open.add("The incident is not resolved: when did it end?");
    }
    sections.put("summary", summary.toString());

    StringBuilder impact = new StringBuilder();
    narrative
        .map(n -> n.impact().orElse(TO_FILL_IN + " (the LLM reply had no impact section)"))
        .ifPresent(text -> impact.append(text).append("\n\n"));
    Milestone impactStart = facts.milestone("impact_started");
    impact
        .append("- **Impact window:** ")
        .append(DraftText.at(impactStart.at(), zone))
        .append(" → ")
        .append(DraftText.at(facts.at("resolved"), zone))
        .append(" (impact start: ")
        .append(DraftText.provenance(impactStart))
        .append(")\n");
    if (!impactStart.explicit()) {
      open.add(
          "When did customer impact really start? Impact start was not recorded ("
              + impactStart.source()
              + ").");
    }
    impact
        .append("- **Affected services:** ")
        .append(DraftText.orDash(String.join(", ", facts.services())))
        .append('\n');
    impact.append("- **Alerts:** ").append(facts.linkedAlerts()).append(" linked\n");
    int stated = 0;
    for (Event event : incident.events()) {
      if (event.kind() == dev.incidents.core.model.EventKind.STATUS_UPDATE && stated < 3) {
        String text = event.text().orElse("");
        impact
            .append("- Stated: \"")
            .append(DraftText.cell(text))
            .append('"')
            .append(CuratedTimeline.instructionLike(text) ? " " + INSTRUCTION_MARK : "")
            .append(" [")
            .append(event.eventId())
            .append("]\n");
        stated++;
      }
    }
    impact
        .append("- **Customers affected, revenue, SLO budget:** ")
        .append(TO_FILL_IN)
        .append('\n');
    open.add("How many customers or requests were affected, and how much error budget was spent?");
    sections.put("impact", impact.toString());

    StringBuilder milestones = new StringBuilder();
    milestones.append("| Milestone | Time | How it was obtained |\n|---|---|---|\n");
    for (Milestone milestone : facts.milestones().values()) {
      milestones
          .append("| ")
          .append(DraftText.milestoneName(milestone.name()))
          .append(" | ")
          .append(DraftText.at(milestone.at(), zone))
          .append(" | ")
          .append(DraftText.provenance(milestone))
          .append(" |\n");
    }
    if (facts.milestonesReordered()) {
      milestones.append(
          "\nSome milestones were recorded out of order; incident_facts clamped them so the phases"
              + " telescope. Check the timeline.\n");
      open.add("Some milestones were recorded out of order: which times are right?");
    }
    sections.put("milestones", milestones.toString());

    sections.put("timeline", timelineTable(timeline, settings));

    StringBuilder detection = new StringBuilder();
    Milestone detected = facts.milestone("detected");
    detection.append("- **Time to detect:** ");
    if (facts.timeToDetect().isPresent()) {
      detection.append(Durations.format(facts.timeToDetect().get()));
    } else {
      detection
          .append("unknown: impact start ")
          .append(
              impactStart.source().equals("fallback:earliest_alert")
                  ? "was inferred from the first alert"
                  : "was not recorded (" + impactStart.source() + ")")
          .append(", so detection cannot be measured against it");
    }
    detection.append('\n');
    detection
        .append("- **Detect phase** (impact start → reported): ")
        .append(facts.phase(Phase.DETECT).map(Durations::format).orElse("n/a"))
        .append(", as in the phase table\n");
    detection
        .append("- **Detected at:** ")
        .append(DraftText.at(detected.at(), zone))
        .append(" (")
        .append(DraftText.provenance(detected))
        .append(")\n");
    timeline.rows().stream()
        .filter(row -> row.text().contains("Alert "))
        .findFirst()
        .ifPresent(
            alert ->
                detection
                    .append("- **First alert:** ")
                    .append(firstAlert(alert.text(), DraftText.at(Optional.of(alert.at()), zone)))
                    .append(" [")
                    .append(alert.sources().get(0))
                    .append("]\n"));
    if (!detected.explicit() && !detected.source().equals("fallback:earliest_alert")) {
      open.add("How was the incident detected? No alert is linked to it.");
    }
    sections.put("detection", detection.toString());

    StringBuilder response = new StringBuilder();
    Milestone paged = facts.milestone("paged");
    Milestone acknowledged = facts.milestone("acknowledged");
    if (paged.at().isEmpty() && incident.pages().isEmpty()) {
      response.append("- **Paged:** nothing was paged for this incident\n");
    } else {
      response
          .append("- **Paged:** ")
          .append(DraftText.at(paged.at(), zone))
          .append(" (")
          .append(paged.source())
          .append("); **acknowledged:** ")
          .append(DraftText.at(acknowledged.at(), zone))
          .append(" (")
          .append(acknowledged.source())
          .append("); time to acknowledge ")
          .append(facts.timeToAcknowledge().map(Durations::format).orElse("unknown"))
          .append('\n');
      if (acknowledged.at().isEmpty()) {
        open.add("The page was never acknowledged: why?");
      }
    }
    Milestone assembled = facts.milestone("assembled");
    response
        .append("- **Lead:** ")
        .append(DraftText.orDash(facts.lead().map(incident::person).orElse(null)))
        .append(", assigned ")
        .append(DraftText.at(assembled.at(), zone))
        .append(" (")
        .append(assembled.source())
        .append("); assembly ")
        .append(facts.phase(Phase.ASSEMBLE).map(Durations::format).orElse("unknown"))
        .append('\n');
    if (assembled.at().isEmpty()) {
      open.add("Who led the incident, and from when? No lead assignment was recorded.");
    }
    sections.put("response", response.toString());

    Set<String> responders = new LinkedHashSet<>();
    for (Event event : incident.events()) {
      if (event.kind() == dev.incidents.core.model.EventKind.ROLE_ASSIGNED) {
        event
            .attribute("assignee")
            .ifPresent(
                assignee ->
                    responders.add(
                        event.attribute("role").orElse("role") + ": " + incident.person(assignee)));
      }
    }
    StringBuilder responderText = new StringBuilder();
    responders.forEach(line -> responderText.append("- ").append(line).append('\n'));
    if (responders.isEmpty()) {
      responderText.append("- No roles were recorded. ").append(TO_FILL_IN).append('\n');
    }
    responderText
        .append("- ")
        .append(timeline.joins())
        .append(" responders joined the channel (see the appendix with --full-timeline)\n");
    sections.put("responders", responderText.toString());

    StringBuilder recovery = new StringBuilder();
    recovery.append("| Phase | Duration | From → to | Note |\n|---|---|---|---|\n");
    String[] starts = {"impact_started", "reported", "assembled", "identified", "mitigated"};
    Phase[] phases = Phase.values();
    for (int i = 0; i < phases.length; i++) {
      Phase phase = phases[i];
      Milestone start = facts.milestone(starts[i]);
      Milestone end = facts.milestone(phase.endMilestone());
      List<String> notes = new ArrayList<>();
      boolean imputedStart =
          (start.name().equals("assembled") || start.name().equals("identified"))
              && start.at().isEmpty();
      if (imputedStart && facts.phase(phase).isPresent()) {
        notes.add("imputed as 0: " + DraftText.milestoneName(start.name()) + " was not recorded");
      }
      if (phase == Phase.CLEANUP && start.source().equals("fallback:resolved")) {
        notes.add("imputed as 0: mitigated fell back to resolved");
      }
      if ((end.name().equals("assembled") || end.name().equals("identified"))
          && end.at().isEmpty()) {
        notes.add(
            "ends at the next recorded point: "
                + DraftText.milestoneName(end.name())
                + " was not recorded");
      }
      if (!start.explicit() && !imputedStart && start.at().isPresent()) {
        notes.add(DraftText.milestoneName(start.name()) + ": " + start.source());
      }
      recovery
          .append("| ")
          .append(phase.label())
          .append(" | ")
          .append(facts.phase(phase).map(Durations::format).orElse("n/a"))
          .append(" | ")
          .append(DraftText.milestoneName(start.name()))
          .append(" → ")
          .append(DraftText.milestoneName(end.name()))
          .append(" | ")
          .append(notes.isEmpty() ? "explicit" : String.join("; ", notes))
          .append(" |\n");
    }
    if (facts.imputedPhases() > 0) {
      recovery
          .append("\n")
          .append(facts.imputedPhases())
          .append(facts.imputedPhases() == 1 ? " phase was imputed" : " phases were imputed")
          .append(" as 0 because its start or end was not recorded.\n");
      open.add("Some phase boundaries were not recorded (imputed as 0): when did they happen?");
    }
    recovery
        .append("\n- **Mitigated:** ")
        .append(DraftText.at(facts.at("mitigated"), zone))
        .append(" (")
        .append(DraftText.provenance(facts.milestone("mitigated")))
        .append(")\n");
    recovery
        .append("- **Resolved:** ")
        .append(DraftText.at(facts.at("resolved"), zone))
        .append(" (")
        .append(facts.milestone("resolved").source())
        .append(")\n");
    sections.put("recovery", recovery.toString());

    sections.put(
        "trigger",
        TO_FILL_IN
            + ": what change or event started the incident? See the leads under the root cause.\n");

    StringBuilder leads = new StringBuilder();
    if (timeline.leads().isEmpty()) {
      leads.append("No chat line talks about a cause.\n");
    } else {
      leads.append(
          "Chat lines that talk about a cause. **Unverified leads, not conclusions:** check each"
              + " before writing the root cause.\n\n");
      for (Lead lead : timeline.leads()) {
        leads
            .append("- ")
            .append(DraftText.at(Optional.of(lead.at()), zone))
            .append(", ")
            .append(lead.author())
            .append(": \"")
            .append(DraftText.cell(lead.text()))
            .append('"')
            .append(lead.instructionLike() ? " " + INSTRUCTION_MARK : "")
            .append(" [")
            .append(lead.source())
            .append("]\n");
      }
    }
    sections.put("leads", leads.toString());

    StringBuilder rootCause = new StringBuilder();
    rootCause.append(TO_FILL_IN).append(". Describe the system, not the people:\n\n");
    rootCause.append(
        "- What changed, and what made the system vulnerable to it?\n- Why did our safeguards (tests, canaries, alerts) not catch it earlier?\n");
    rootCause
        .append("- What made diagnosis take ")
        .append(facts.phase(Phase.TROUBLESHOOT).map(Durations::format).orElse("the time it took"))
        .append("?\n\n");
    narrative
        .map(
            n ->
                n.hypotheses()
                    .map(text -> "**Hypotheses (LLM; to verify):**\n\n" + text)
                    .orElse("**Hypotheses (LLM):** " + TO_FILL_IN))
        .ifPresent(text -> rootCause.append(text).append("\n\n"));
    rootCause.append("**Leads from the timeline (unverified):**\n\n").append(leads);
    sections.put("root_cause", rootCause.toString());

    sections.put(
        "what_went_well", TO_FILL_IN + ". What helped detection, response and recovery?\n");
    sections.put(
        "what_went_badly",
        TO_FILL_IN
            + ". Where did we lose time? Consider assembly ("
            + facts.phase(Phase.ASSEMBLE).map(Durations::format).orElse("n/a")
            + ") and troubleshooting ("
            + facts.phase(Phase.TROUBLESHOOT).map(Durations::format).orElse("n/a")
            + ").\n");
    sections.put("where_we_got_lucky", TO_FILL_IN + ". What went right by chance?\n");
    sections.put(
        "lessons",
        narrative
                .map(n -> n.lessons().orElse(TO_FILL_IN + " (the LLM reply had no lessons)"))
                .orElse(TO_FILL_IN)
            + "\n");
    sections.put(
        "five_whys",
        "1. Why? "
            + TO_FILL_IN
            + "\n2. Why? "
            + TO_FILL_IN
            + "\n3. Why? "
            + TO_FILL_IN
            + "\n4. Why? "
            + TO_FILL_IN
            + "\n5. Why? "
            + TO_FILL_IN
            + "\n");

    sections.put("action_items", actionItems(incident.actionItems(), open));
    sections.put(
        "recurrence",
        similar.isEmpty()
            ? "No similar past incident above the similarity threshold.\n"
            : "Similar past incidents (see below) suggest this may have happened before: "
                + TO_FILL_IN
                + ".\n");
    sections.put(
        "messaging",
        "- **Internal:** "
            + TO_FILL_IN
            + "\n- **External (status page, customers):** "
            + TO_FILL_IN
            + "\n");

    StringBuilder similarText = new StringBuilder();
    if (similar.isEmpty()) {
      similarText
          .append("_None with a similarity of at least ")
          .append(String.format(Locale.ROOT, "%.2f", settings.similarityThreshold()))
          .append("._\n");
    } else {
      for (SimilarIncidents.Match match : similar) {
        similarText
            .append("- ")
            .append(match.reference())
            .append(' ')
            .append(match.title())
            .append(" — ")
            .append(
                match
                    .timeToResolve()
                    .map(s -> "resolved in " + Durations.format(s))
                    .orElse("not resolved"))
            .append(String.format(Locale.ROOT, " (similarity %.2f; ", match.similarity()))
            .append(match.reasons().isEmpty() ? "similar text" : String.join(", ", match.reasons()))
            .append(')')
            .append(match.postmortemUrl().map(url -> "; post-mortem: " + url).orElse(""))
            .append('\n');
      }
    }
    sections.put("similar", similarText.toString());

    sections.put(
        "appendix",
        settings.fullTimeline()
            ? appendix(incident, settings)
            : "The whole chat ("
                + timeline.chatMessages()
                + " messages) is added here with `--full-timeline`.\n");

    StringBuilder openText = new StringBuilder();
    open.forEach(question -> openText.append("- ").append(question).append('\n'));
    sections.put("open_questions", openText.toString());
    return new Body(sections, open);
  }

  static String timelineTable(CuratedTimeline timeline, DraftSettings settings) {
    StringBuilder md = new StringBuilder();
    boolean utc = settings.utc();
    if (utc) {
      md.append("| Time (UTC) | Event | Source |\n|---|---|---|\n");
    } else {
      md.append("| Time (UTC) | Time (")
          .append(settings.zone().getId())
          .append(") | Event | Source |\n|---|---|---|---|\n");
    }
    for (Row row : timeline.rows()) {
      md.append("| ").append(DraftText.DATE_TIME.format(row.at().atZone(java.time.ZoneOffset.UTC)));
      if (!utc) {
        md.append(" | ").append(DraftText.DATE_TIME.format(row.at().atZone(settings.zone())));
      }
      md.append(" | ");
      if (row.signal().isChat()) {
        md.append(row.author().map(author -> author + ": ").orElse(""))
            .append('"')
            .append(DraftText.cell(row.text()))
            .append('"');
      } else {
        md.append(DraftText.cell(row.text()));
      }
      if (row.repeats() > 1) {
        md.append(" ×").append(row.repeats());
      }
      if (row.instructionLike()) {
        md.append(" ").append(INSTRUCTION_MARK);
      }
      md.append(" | [").append(String.join("], [", row.sources())).append("] |\n");
    }
    md.append('\n');
    long chatRows = timeline.rows().stream().filter(row -> row.signal().isChat()).count();
    md.append("_")
        .append(timeline.rows().size())
        .append(" rows: key events and milestones, and ")
        .append(chatRows)
        .append(
            " chat rows chosen by signal (pins, reactions, commands, findings of role holders, busy threads)._\n");
    if (timeline.omittedChat() > 0) {
      md.append("\n")
          .append(timeline.omittedChat())
          .append(" more chat messages: see the appendix")
          .append(settings.fullTimeline() ? "" : " (written with `--full-timeline`)")
          .append(".\n");
    }
    return md.toString();
  }

  static String appendix(IncidentTimeline incident, DraftSettings settings) {
    StringBuilder md = new StringBuilder();
    md.append(
        "Every chat message of the incident, in order.\n\n| Time (UTC) | Author | Message | Source |\n|---|---|---|---|\n");
    for (ChatRecord message : incident.chat()) {
      md.append("| ")
          .append(DraftText.DATE_TIME.format(message.postedAt().atZone(java.time.ZoneOffset.UTC)))
          .append(" | ")
          .append(DraftText.cell(message.authorName().orElse(message.authorId().orElse(""))))
          .append(" | ")
          .append(DraftText.cell(message.text()))
          .append(CuratedTimeline.instructionLike(message.text()) ? " " + INSTRUCTION_MARK : "")
          .append(" | [")
          .append(message.messageId())
          .append("] |\n");
    }
    return md.toString();
  }

  static String actionItems(List<ActionItem> items, List<String> open) {
    StringBuilder md = new StringBuilder();
    md.append("| Item | Owner | Due | Status | Source | Check |\n|---|---|---|---|---|---|\n");
    List<String> untracked = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ActionItem item = items.get(i);
      String check = "";
      for (int j = 0; j < i; j++) {
        if (nearlyEqual(items.get(j).title(), item.title())) {
          check = "possible duplicate of " + key(items.get(j));
          break;
        }
      }
      if (item.owner().isEmpty() || item.dueDate().isEmpty()) {
        untracked.add(
            key(item)
                + " (no "
                + (item.owner().isEmpty() && item.dueDate().isEmpty()
                    ? "owner and no due date"
                    : item.owner().isEmpty() ? "owner" : "due date")
                + ")");
      }
      md.append("| ")
          .append(DraftText.cell(item.title()))
          .append(" | ")
          .append(DraftText.orDash(item.owner().orElse(null)))
          .append(" | ")
          .append(item.dueDate().map(Object::toString).orElse("—"))
          .append(" | ")
          .append(item.status())
          .append(" | [")
          .append(item.actionItemId())
          .append("] | ")
          .append(check.isEmpty() ? "" : "⚠ " + check)
          .append(" |\n");
    }
    md.append("| ")
        .append(TO_FILL_IN)
        .append(": prevent recurrence | | | | | |\n| ")
        .append(TO_FILL_IN)
        .append(": detect faster | | | | | |\n");
    if (!untracked.isEmpty()) {
      open.add(
          "Action items without an owner or a due date: " + String.join(", ", untracked) + ".");
    }
    return md.toString();
  }

  private static String key(ActionItem item) {
    return item.trackerKey().orElse(item.actionItemId());
  }

  /** Same words after normalising, or a token overlap (Jaccard) of at least 0.8. */
  static boolean nearlyEqual(String a, String b) {
    String left = CuratedTimeline.normalise(a);
    String right = CuratedTimeline.normalise(b);
    if (left.equals(right)) {
      return true;
    }
    Set<String> x = new LinkedHashSet<>(List.of(left.split(" ")));
    Set<String> y = new LinkedHashSet<>(List.of(right.split(" ")));
    Set<String> union = new LinkedHashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    return !union.isEmpty() && (double) x.size() / union.size() >= 0.8;
  }

  /**
   * "Alert R on S fired at T", then the re-fires the timeline row counts ("; re-fired 1 time until
   * 14:58 UTC"), so that the time reads next to "fired".
   */
  static String firstAlert(String rowText, String at) {
    String alert = rowText.replaceFirst("^.*?Alert ", "Alert ");
    int refires = alert.indexOf("; re-fired ");
    return refires < 0
        ? alert + " at " + at
        : alert.substring(0, refires) + " at " + at + alert.substring(refires);
  }
}
