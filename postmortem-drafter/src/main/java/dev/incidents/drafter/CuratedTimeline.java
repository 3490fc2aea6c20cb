package dev.incidents.drafter;

import static java.util.Objects.requireNonNull;

import dev.incidents.drafter.IncidentTimeline.AlertRecord;
import dev.incidents.drafter.IncidentTimeline.ChatRecord;
import dev.incidents.drafter.IncidentTimeline.Event;
import dev.incidents.drafter.IncidentTimeline.Milestone;
import dev.incidents.drafter.IncidentTimeline.PageRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The timeline a reader can follow. Key events always appear: milestones (with how incident_facts
 * obtained them), status, severity and role changes, incident updates, pages, acknowledgements,
 * escalations, notes, the first firing of each alert rule with its re-fire count, and post-mortem
 * milestones. Events that several sources report (incident.io and Slack both saying "monitoring")
 * become one row citing every source; events of the same second become one row. Chat is selected by
 * signal: pins, configured reactions, incident commands, findings and decisions of role holders,
 * and thread roots with many replies. Consecutive repeats collapse into one row with "×N", and the
 * chat rows stop at the cap with a count of what was left out.
 */
public record CuratedTimeline(
    List<Row> rows, int omittedChat, int chatMessages, int joins, List<Lead> leads) {
  public CuratedTimeline {
    rows = List.copyOf(rows);
    leads = List.copyOf(leads);
  }

  /** Why a row is on the timeline. */
  public enum Signal {
    KEY_EVENT("key event"),
    MILESTONE("milestone"),
    PINNED("pinned"),
    REACTION("reaction"),
    COMMAND("incident command"),
    FINDING("finding or decision"),
    THREAD("thread");

    private final String label;

    Signal(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean isChat() {
      return this != KEY_EVENT && this != MILESTONE;
    }
  }

  /** One row: when, what, every source it cites, how often it repeated and why it is here. */
  public record Row(
      Instant at,
      String text,
      List<String> sources,
      int repeats,
      Signal signal,
      Optional<String> author,
      boolean instructionLike) {
    public Row {
      requireNonNull(at, "at is null");
      requireNonNull(text, "text is null");
      sources = List.copyOf(sources);
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("A timeline row must cite a source: " + text);
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("repeats must be at least 1: " + repeats);
      }
    }
  }

  /**
   * A chat line that talks about a cause: a lead for the root-cause section, never a conclusion.
   */
  public record Lead(
      Instant at, String author, String text, String source, boolean instructionLike) {}

  /** Chat text that reads like an instruction to a model or to the reader. */
  static final Pattern INSTRUCTION_LIKE =
      Pattern.compile(
          "(?i)(ignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|rules)"
              + "|you are now|admin mode|developer mode|system prompt|disregard (all|the|your|any)"
              + "|print (every|all|the) (api )?(keys?|secrets?|tokens?)|new instructions:)");

  /** A question or a guess is not a finding. */
  static final Pattern HEDGED =
      Pattern.compile(
          "(?i)(\\?|^(what if|could|maybe|might|possibly|perhaps|i think|i guess|my guess|not sure|is it|is anyone))");

  static final Duration SAME_EVENT_WINDOW = Duration.ofMinutes(2);
  static final int MAX_LEADS = 8;

  public static boolean instructionLike(String text) {
    return INSTRUCTION_LIKE.matcher(text).find();
  }

  public static CuratedTimeline build(IncidentTimeline incident, DraftSettings settings) {
    List<Row> key = new ArrayList<>();
    Set<String> coveredMessages = new LinkedHashSet<>();
    int joins = 0;
    Set<String> heldRoles = new LinkedHashSet<>();
    for (Event event : incident.events()) {
      if (event.kind() == dev.incidents.core.model.EventKind.ROLE_ASSIGNED
          && !"true".equals(event.attributes().get("current"))) {
        heldRoles.add(
            event.attribute("role").orElse("") + "=" + event.attribute("assignee").orElse(""));
      }
    }
    List<Event> alertEvents = new ArrayList<>();
    for (Event event : incident.events()) {
      event.originId().ifPresent(coveredMessages::add);
      String actor = event.actor().map(incident::person).orElse(null);
      String text =
          switch (event.kind()) {
            case DECLARED -> "Incident declared" + event.text().map(t -> ": " + t).orElse("");
            case STATUS_CHANGED ->
                "Status changed to " + event.attribute("status").orElse("an unknown status");
            case SEVERITY_CHANGED ->
                "Severity set to " + event.attribute("severity").orElse("an unknown severity");
            case ROLE_ASSIGNED -> {
              String role = event.attribute("role").orElse("a role");
              String assignee = event.attribute("assignee").orElse("");
              boolean snapshot = "true".equals(event.attributes().get("current"));
              if (snapshot && heldRoles.contains(role + "=" + assignee)) {
                yield null; // the tool's snapshot of a role whose assignment is on the timeline
              }
              yield "Role "
                  + role
                  + " assigned to "
                  + incident.person(assignee)
                  + (snapshot ? " (as the incident tool recorded it)" : "");
            }
            case PAGED -> "Paging started" + event.text().map(t -> " (" + t + ")").orElse("");
            case ACKNOWLEDGED -> "Page acknowledged" + (actor == null ? "" : " by " + actor);
            case ESCALATED ->
                "Escalated"
                    + event.text().map(t -> ": " + t).orElse(actor == null ? "" : " to " + actor);
            case RESOLVED -> "Marked resolved" + (actor == null ? "" : " by " + actor);
            case REOPENED -> "Reopened" + (actor == null ? "" : " by " + actor);
            case STATUS_UPDATE -> "Incident update: " + event.text().orElse("");
            case NOTE -> "Note: " + event.text().orElse("");
            case MILESTONE -> "Post-mortem milestone: " + event.text().orElse("published");
            case ALERT_FIRED -> {
              alertEvents.add(event);
              yield null;
            }
            case RESPONDER_JOINED -> {
              joins++;
              yield null;
            }
            case ALERT_RESOLVED, COMMAND -> null;
          };
      if (text != null) {
        key.add(
            new Row(
                event.at(),
                text,
                List.of(event.eventId()),
                1,
                Signal.KEY_EVENT,
                Optional.ofNullable(actor),
                false));
      }
    }
    for (PageRecord page : pages(incident.pages())) {
      key.add(
          new Row(
              page.pagedAt(),
              (page.escalationLevel().orElse(1) > 1
                      ? "Escalated to level " + page.escalationLevel().get() + ": paged "
                      : "Paged ")
                  + incident.person(page.responder())
                  + " by "
                  + page.channel(),
              List.of(page.pageId()),
              1,
              Signal.KEY_EVENT,
              Optional.empty(),
              false));
      page.acknowledgedAt()
          .ifPresent(
              at ->
                  key.add(
                      new Row(
                          at,
                          "Page acknowledged by " + incident.person(page.responder()),
                          List.of(page.pageId()),
                          1,
                          Signal.KEY_EVENT,
                          Optional.empty(),
                          false)));
    }
    key.addAll(alertRows(incident.alerts(), alertEvents));
    List<Row> merged = sameEvents(key);
    merged = milestones(incident, merged);

    List<Row> candidates = new ArrayList<>();
    Set<String> holders = roleHolders(incident);
    List<Lead> leads = new ArrayList<>();
    Set<String> leadTexts = new LinkedHashSet<>();
    Pattern finding = words(settings.findingWords());
    Pattern cause = words(settings.causeWords());
    for (ChatRecord message : incident.chat()) {
      if (message.subtype().isPresent() && !message.subtype().get().equals("thread_broadcast")) {
        continue;
      }
      String text = message.text().strip();
      if (text.isEmpty()) {
        continue;
      }
      String author = message.authorName().orElse(message.authorId().orElse("unknown"));
      boolean instruction = instructionLike(text);
      if (!message.bot()
          && cause.matcher(text).find()
          && leads.size() < MAX_LEADS
          && leadTexts.add(normalise(text))) {
        leads.add(new Lead(message.postedAt(), author, text, message.messageId(), instruction));
      }
      Signal signal = null;
      if (message.pinned()) {
        signal = Signal.PINNED;
      } else if (message.reactions().stream().anyMatch(settings.signalReactions()::contains)) {
        signal = Signal.REACTION;
      } else if (text.startsWith("/")) {
        signal = coveredMessages.contains(message.messageId()) ? null : Signal.COMMAND;
      } else if (!message.bot()
          && holders.contains(author.toLowerCase(Locale.ROOT))
          && finding.matcher(text).find()
          && !HEDGED.matcher(text).find()) {
        signal = Signal.FINDING;
      } else if (message.replyCount() >= settings.threadReplies()) {
        signal = Signal.THREAD;
      }
      if (signal != null) {
        String shown =
            signal == Signal.THREAD
                ? text + " (thread, " + message.replyCount() + " replies)"
                : text;
        candidates.add(
            new Row(
                message.postedAt(),
                shown,
                List.of(message.messageId()),
                1,
                signal,
                Optional.of(author),
                instruction));
      }
    }
    // Chat within the cap: by signal strength, each distinct text (numbers aside) once, and
    // spread evenly over the incident when a signal has more rows than the budget left.
    int budget = Math.max(0, settings.timelineCap() - merged.size());
    Set<String> shapes = new LinkedHashSet<>();
    Map<Signal, List<Row>> bySignal = new java.util.EnumMap<>(Signal.class);
    for (Row row : candidates) {
      if (shapes.add(shape(row.text()))) {
        bySignal.computeIfAbsent(row.signal(), signal -> new ArrayList<>()).add(row);
      }
    }
    List<Row> chosen = new ArrayList<>();
    for (List<Row> group : bySignal.values()) {
      int left = budget - chosen.size();
      if (left <= 0) {
        break;
      }
      if (group.size() <= left) {
        chosen.addAll(group);
      } else {
        for (int i = 0; i < left; i++) {
          chosen.add(group.get((int) ((long) i * group.size() / left)));
        }
      }
    }
    List<Row> all = new ArrayList<>(merged);
    all.addAll(chosen);
    all.sort(Comparator.comparing(Row::at).thenComparing(row -> row.signal().isChat()));
    List<Row> collapsed = collapse(all);
    int shown =
        collapsed.stream().filter(row -> row.signal().isChat()).mapToInt(Row::repeats).sum();
    return new CuratedTimeline(
        collapsed,
        incident.chat().size() - shown,
        incident.chat().size(),
        joins,
        List.copyOf(leads));
  }

  /** Pages of the same responder within a minute are one notification on several channels. */
  private static List<PageRecord> pages(List<PageRecord> pages) {
    Map<String, PageRecord> grouped = new LinkedHashMap<>();
    for (PageRecord page : pages) {
      String key =
          page.responder()
              + "|"
              + page.pagedAt().truncatedTo(ChronoUnit.MINUTES)
              + "|"
              + page.escalationLevel().orElse(1);
      PageRecord previous = grouped.get(key);
      if (previous == null) {
        grouped.put(key, page);
      } else {
        Optional<Instant> acknowledged =
            previous.acknowledgedAt().isPresent()
                ? previous.acknowledgedAt()
                : page.acknowledgedAt();
        grouped.put(
            key,
            new PageRecord(
                previous.pageId(),
                previous.pagedAt(),
                previous.responder(),
                previous.channel().contains(page.channel())
                    ? previous.channel()
                    : previous.channel() + ", " + page.channel(),
                acknowledged,
                previous.escalationLevel()));
      }
    }
    return List.copyOf(grouped.values());
  }

  /** The first firing of each alert rule, with how often it fired again and until when. */
  private static List<Row> alertRows(List<AlertRecord> alerts, List<Event> alertEvents) {
    Map<String, List<AlertRecord>> byRule = new LinkedHashMap<>();
    for (AlertRecord alert : alerts) {
      byRule
          .computeIfAbsent(alert.rule() + " on " + alert.service(), rule -> new ArrayList<>())
          .add(alert);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<AlertRecord>> rule : byRule.entrySet()) {
      List<AlertRecord> firings = rule.getValue();
      AlertRecord first = firings.get(0);
      int refires = firings.size() - 1;
      String link = first.link().equals("explicit") ? "" : " (linked by " + first.link() + ")";
      rows.add(
          new Row(
              first.firedAt(),
              "Alert "
                  + rule.getKey()
                  + " fired"
                  + link
                  + (refires == 0
                      ? ""
                      : "; re-fired "
                          + refires
                          + (refires == 1 ? " time" : " times")
                          + " until "
                          + DraftText.time(firings.get(firings.size() - 1).firedAt())),
              List.of(first.alertId()),
              1,
              Signal.KEY_EVENT,
              Optional.empty(),
              false));
    }
    if (alerts.isEmpty()) {
      Map<String, List<Event>> byText = new LinkedHashMap<>();
      for (Event event : alertEvents) {
        byText.computeIfAbsent(event.text().orElse("alert"), text -> new ArrayList<>()).add(event);
      }
      for (Map.Entry<String, List<Event>> entry : byText.entrySet()) {
        int refires = entry.getValue().size() - 1;
        rows.add(
            new Row(
                entry.getValue().get(0).at(),
                "Alert fired: "
                    + entry.getKey()
                    + (refires == 0 ? "" : "; re-fired " + refires + " times"),
                List.of(entry.getValue().get(0).eventId()),
                1,
                Signal.KEY_EVENT,
                Optional.empty(),
                false));
      }
    }
    return rows;
  }

  /**
   * The same event from several sources (equal text within two minutes) becomes one row citing them
   * all; then the key events of one second become one row.
   */
  private static List<Row> sameEvents(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Row::at));
    List<Row> unique = new ArrayList<>();
    for (Row row : sorted) {
      int match = -1;
      for (int i = unique.size() - 1; i >= 0; i--) {
        Row earlier = unique.get(i);
        if (Duration.between(earlier.at(), row.at()).compareTo(SAME_EVENT_WINDOW) > 0) {
          break;
        }
        if (sameText(earlier.text(), row.text())) {
          match = i;
          break;
        }
      }
      if (match >= 0) {
        Row earlier = unique.get(match);
        List<String> sources = new ArrayList<>(earlier.sources());
        row.sources().stream().filter(source -> !sources.contains(source)).forEach(sources::add);
        unique.set(
            match,
            new Row(
                earlier.at(),
                earlier.text().length() >= row.text().length() ? earlier.text() : row.text(),
                sources,
                1,
                earlier.signal(),
                earlier.author(),
                false));
      } else {
        unique.add(row);
      }
    }
    Map<Instant, List<Row>> bySecond = new TreeMap<>();
    for (Row row : unique) {
      bySecond
          .computeIfAbsent(row.at().truncatedTo(ChronoUnit.SECONDS), at -> new ArrayList<>())
          .add(row);
    }
    List<Row> merged = new ArrayList<>();
    for (List<Row> group : bySecond.values()) {
      if (group.size() == 1) {
        merged.add(group.get(0));
        continue;
      }
      List<String> texts = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      for (Row row : group) {
        texts.add(row.text());
        row.sources().stream().filter(source -> !sources.contains(source)).forEach(sources::add);
      }
      merged.add(
          new Row(
              group.get(0).at(),
              String.join("; ", texts),
              sources,
              1,
              Signal.KEY_EVENT,
              Optional.empty(),
              false));
    }
    return merged;
  }

  private static boolean sameText(String a, String b) {
    String left = normalise(a.replaceFirst(" by .*$", ""));
    String right = normalise(b.replaceFirst(" by .*$", ""));
    return left.equals(right)
        || (a.startsWith("Incident update: ") && normalise(a).equals(normalise(b)));
  }

  /**
   * Each present milestone is marked on the row at its instant (or gets a row of its own), saying
   * how incident_facts obtained it.
   */
  private static List<Row> milestones(IncidentTimeline incident, List<Row> rows) {
    List<Row> result = new ArrayList<>(rows);
    Map<Integer, List<String>> labels = new TreeMap<>();
    Map<Instant, List<String>> alone = new TreeMap<>();
    for (Milestone milestone : incident.facts().milestones().values()) {
      if (milestone.at().isEmpty()) {
        continue;
      }
      Instant at = milestone.at().get();
      String label =
          "**Milestone "
              + DraftText.milestoneName(milestone.name())
              + "** ("
              + DraftText.provenance(milestone)
              + ")";
      int index = -1;
      for (int i = 0; i < result.size(); i++) {
        if (result
            .get(i)
            .at()
            .truncatedTo(ChronoUnit.SECONDS)
            .equals(at.truncatedTo(ChronoUnit.SECONDS))) {
          index = i;
          break;
        }
      }
      if (index >= 0) {
        labels.computeIfAbsent(index, i -> new ArrayList<>()).add(label);
      } else {
        alone.computeIfAbsent(at, i -> new ArrayList<>()).add(label);
      }
    }
    for (Map.Entry<Integer, List<String>> entry : labels.entrySet()) {
      Row row = result.get(entry.getKey());
      result.set(
          entry.getKey(),
          new Row(
              row.at(),
              String.join(", ", entry.getValue()) + ": " + row.text(),
              row.sources(),
              row.repeats(),
              Signal.MILESTONE,
              row.author(),
              row.instructionLike()));
    }
    for (Map.Entry<Instant, List<String>> entry : alone.entrySet()) {
      result.add(
          new Row(
              entry.getKey(),
              String.join(", ", entry.getValue()),
              List.of("incident_facts:" + incident.id()),
              1,
              Signal.MILESTONE,
              Optional.empty(),
              false));
    }
    result.sort(Comparator.comparing(Row::at));
    return result;
  }

  /** Consecutive rows with the same text become one row with a repeat count. */
  static List<Row> collapse(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row row : rows) {
      if (!out.isEmpty()) {
        Row previous = out.get(out.size() - 1);
        if (normalise(previous.text()).equals(normalise(row.text()))) {
          List<String> sources = new ArrayList<>(previous.sources());
          if (sources.size() < 2) {
            sources.add(row.sources().get(row.sources().size() - 1));
          } else {
            sources.set(1, row.sources().get(row.sources().size() - 1));
          }
          out.set(
              out.size() - 1,
              new Row(
                  previous.at(),
                  previous.text(),
                  sources,
                  previous.repeats() + row.repeats(),
                  previous.signal(),
                  previous.author(),
                  previous.instructionLike() || row.instructionLike()));
          continue;
        }
      }
      out.add(row);
    }
    return out;
  }

  private static Set<String> roleHolders(IncidentTimeline incident) {
    Set<String> holders = new LinkedHashSet<>();
    for (Event event : incident.events()) {
      if (event.kind() == dev.incidents.core.model.EventKind.ROLE_ASSIGNED) {
        event
            .attribute("assignee")
            .ifPresent(
                assignee -> {
                  holders.add(assignee.toLowerCase(Locale.ROOT));
                  holders.add(incident.person(assignee).toLowerCase(Locale.ROOT));
                });
      }
    }
    incident
        .facts()
        .lead()
        .ifPresent(
            lead -> {
              holders.add(lead.toLowerCase(Locale.ROOT));
              holders.add(incident.person(lead).toLowerCase(Locale.ROOT));
            });
    return holders;
  }

  static Pattern words(List<String> words) {
    if (words.isEmpty()) {
      return Pattern.compile("(?!)");
    }
    StringBuilder alternatives = new StringBuilder();
    for (String word : words) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(word));
    }
    return Pattern.compile("(?i)\\b(" + alternatives + ")");
  }

  /** A text with its numbers and generated names masked: two texts of one shape say the same. */
  static String shape(String text) {
    return normalise(
        text.replaceFirst(" \\(thread, \\d+ replies\\)$", "").replaceAll("\\S*\\d\\S*", "#"));
  }

  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }
}
