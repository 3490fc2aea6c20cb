package dev.incidents.generator;

import static dev.incidents.generator.Formats.pagerDuty;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.incidents.generator.IncidentPlan.AlertPlan;
import dev.incidents.generator.IncidentPlan.PageEvent;
import dev.incidents.generator.Organisation.Person;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PagerDuty REST v2: incident list pages, log entries per month listed newest first (as PagerDuty
 * lists them) and rendered in the America/New_York zone a client asked for, and alerts.
 */
final class PagerDutyWriter {
  static final int PAGE_SIZE = 100;
  static final ZoneId LOG_ZONE = ZoneId.of("America/New_York");
  private static final String API = "https://api.pagerduty.com";

  private final Simulation simulation;
  private final Organisation organisation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  PagerDutyWriter(Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.organisation = simulation.organisation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  void write() throws IOException {
    List<IncidentPlan> paged =
        simulation.incidents.stream().filter(p -> p.paged && cutoff.includes(p.pagedAt)).toList();
    int pages = Math.max(1, (paged.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    for (int page = 0; page < pages; page++) {
      List<IncidentPlan> slice =
          paged.subList(page * PAGE_SIZE, Math.min(paged.size(), (page + 1) * PAGE_SIZE));
      Path path = directory.resolve(String.format("incidents-%04d.json", page + 1));
      try (JsonGenerator json = JsonOut.open(path, false)) {
        json.writeStartObject();
        json.writeArrayFieldStart("incidents");
        for (IncidentPlan plan : slice) {
          writeIncident(json, plan);
        }
        json.writeEndArray();
        json.writeNumberField("limit", PAGE_SIZE);
        json.writeNumberField("offset", page * PAGE_SIZE);
        json.writeBooleanField("more", page < pages - 1);
        json.writeNumberField("total", paged.size());
        json.writeEndObject();
      }
      summary.file("pagerduty", path);
      summary.count("pagerduty.incidents", slice.size());
    }
    Map<YearMonth, List<IncidentPlan>> byMonth = new TreeMap<>();
    for (IncidentPlan plan : paged) {
      byMonth
          .computeIfAbsent(
              YearMonth.from(plan.pagedAt.atZone(ZoneOffset.UTC)), m -> new ArrayList<>())
          .add(plan);
    }
    for (Map.Entry<YearMonth, List<IncidentPlan>> month : byMonth.entrySet()) {
      writeLogEntries(month.getKey(), month.getValue());
      writeAlerts(month.getKey(), month.getValue());
    }
  }

  private void writeIncident(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", plan.pagerDutyId);
    json.writeStringField("type", "incident");
    json.writeStringField("summary", "[#" + plan.number + "] " + plan.title);
    json.writeStringField("self", API + "/incidents/" + plan.pagerDutyId);
    json.writeStringField(
        "html_url", "https://example.pagerduty.com/incidents/" + plan.pagerDutyId);
    json.writeNumberField("incident_number", plan.number);
    json.writeStringField("title", plan.title);
    json.writeStringField("created_at", pagerDuty(plan.pagedAt, ZoneOffset.UTC));
    Instant resolved = cutoff.visible(pagerDutyResolvedAt(plan));
    json.writeStringField(
        "updated_at", pagerDuty(resolved != null ? resolved : plan.pagedAt, ZoneOffset.UTC));
    json.writeStringField(
        "status",
        resolved != null
            ? "resolved"
            : cutoff.includes(plan.acknowledgedAt) ? "acknowledged" : "triggered");
    json.writeStringField("incident_key", Rng.of(organisation.seed, "pd-key", plan.number).hex(32));
    writeReference(
        json,
        "service",
        "service_reference",
        serviceId(plan.services.get(0)),
        plan.services.get(0));
    json.writeArrayFieldStart("assignments");
    json.writeEndArray();
    json.writeStringField("assigned_via", "escalation_policy");
    json.writeStringField(
        "last_status_change_at",
        pagerDuty(resolved != null ? resolved : plan.pagedAt, ZoneOffset.UTC));
    if (resolved != null) {
      json.writeStringField("resolved_at", pagerDuty(resolved, ZoneOffset.UTC));
    } else {
      json.writeNullField("resolved_at");
    }
    json.writeObjectFieldStart("first_trigger_log_entry");
    json.writeStringField("id", logEntryId(plan, 0));
    json.writeStringField("type", "trigger_log_entry_reference");
    json.writeEndObject();
    long alerts = plan.alerts.stream().filter(alert -> cutoff.includes(alert.firedAt())).count();
    json.writeObjectFieldStart("alert_counts");
    json.writeNumberField("all", alerts);
    json.writeNumberField("triggered", resolved != null ? 0 : alerts);
    json.writeNumberField("resolved", resolved != null ? alerts : 0);
    json.writeEndObject();
    json.writeObjectFieldStart("incident_type");
    json.writeStringField(
        "name", plan.gameDay ? "Game Day" : plan.mode.equals("test") ? "Test" : "incident_default");
    json.writeEndObject();
    writeReference(
        json,
        "escalation_policy",
        "escalation_policy_reference",
        "PEP" + String.format("%04d", plan.team),
        organisation.teams.get(plan.team).name() + " escalation");
    json.writeArrayFieldStart("teams");
    json.writeStartObject();
    json.writeStringField("id", "PT" + String.format("%05d", plan.team));
    json.writeStringField("type", "team_reference");
    json.writeStringField("summary", organisation.teams.get(plan.team).name());
    json.writeEndObject();
    json.writeEndArray();
    json.writeArrayFieldStart("acknowledgements");
    json.writeEndArray();
    json.writeObjectFieldStart("priority");
    json.writeStringField("id", "PPRIO" + plan.severity);
    json.writeStringField("type", "priority_reference");
    json.writeStringField("summary", "P" + plan.severity);
    json.writeEndObject();
    json.writeNullField("resolve_reason");
    json.writeStringField("urgency", plan.severity <= 2 ? "high" : "low");
    json.writeEndObject();
  }

  /** PagerDuty resolves when the incident resolves; a declined one is resolved at once. */
  static Instant pagerDutyResolvedAt(IncidentPlan plan) {
    if (plan.resolvedAt != null) {
      return plan.resolvedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    if (List.of("declined", "merged", "canceled").contains(plan.finalStatus)) {
      return plan.reportedAt.plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    return null;
  }

  static String serviceId(String service) {
    return "PS" + String.format("%06X", service.hashCode() & 0xFFFFFF);
  }

  private static void writeReference(
      JsonGenerator json, String field, String type, String id, String summary) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("id", id);
    json.writeStringField("type", type);
    json.writeStringField("summary", summary);
    json.writeEndObject();
  }

  static String logEntryId(IncidentPlan plan, int index) {
    return "R" + plan.pagerDutyId.substring(1) + String.format("%03d", index);
  }

  record LogEntry(
      String id,
      String type,
      Instant at,
      IncidentPlan plan,
      Integer user,
      String channelType,
      String notification,
      String note,
      Integer assignee) {}

  private List<LogEntry> logEntries(IncidentPlan plan) {
    List<LogEntry> entries = new ArrayList<>();
    int index = 0;
    entries.add(
        new LogEntry(
            logEntryId(plan, index++),
            "trigger_log_entry",
            plan.pagedAt,
            plan,
            null,
            "api",
            null,
            null,
            null));
    boolean escalated = false;
    for (PageEvent page : plan.pages) {
      if (page.level() > 1 && !escalated) {
        escalated = true;
        entries.add(
            new LogEntry(
                logEntryId(plan, index++),
                "escalate_log_entry",
                page.at(),
                plan,
                null,
                "timeout",
                null,
                null,
                page.person()));
        entries.add(
            new LogEntry(
                logEntryId(plan, index++),
                "assign_log_entry",
                page.at(),
                plan,
                null,
                "timeout",
                null,
                null,
                page.person()));
      }
      entries.add(
          new LogEntry(
              logEntryId(plan, index++),
              "notify_log_entry",
              page.at(),
              plan,
              page.person(),
              "auto",
              page.channel() + "_notification",
              null,
              null));
    }
    if (plan.acknowledgedAt != null) {
      entries.add(
          new LogEntry(
              logEntryId(plan, index++),
              "acknowledge_log_entry",
              plan.acknowledgedAt,
              plan,
              plan.acknowledger,
              "mobile",
              null,
              null,
              null));
    }
    if (plan.number % 4 == 0 && plan.assembledAt != null) {
      entries.add(
          new LogEntry(
              logEntryId(plan, index++),
              "annotate_log_entry",
              plan.assembledAt.plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              plan,
              plan.lead,
              "note",
              null,
              "Rolling back the last deploy of " + plan.services.get(0) + ".",
              null));
    }
    Instant resolved = pagerDutyResolvedAt(plan);
    if (resolved != null) {
      entries.add(
          new LogEntry(
              logEntryId(plan, index),
              "resolve_log_entry",
              resolved,
              plan,
              plan.lead,
              "web_trigger",
              null,
              null,
              null));
    }
    return entries;
  }

  private void writeLogEntries(YearMonth month, List<IncidentPlan> plans) throws IOException {
    List<LogEntry> entries = new ArrayList<>();
    for (IncidentPlan plan : plans) {
      for (LogEntry entry : logEntries(plan)) {
        if (cutoff.includes(entry.at())) {
          entries.add(entry);
        }
      }
    }
    // Newest first, as the API lists them; ties keep a stable order by id.
    entries.sort(Comparator.comparing(LogEntry::at).thenComparing(LogEntry::id).reversed());
    Path path = directory.resolve("log_entries-" + month + ".json");
    try (JsonGenerator json = JsonOut.open(path, false)) {
      json.writeStartObject();
      json.writeArrayFieldStart("log_entries");
      for (LogEntry entry : entries) {
        writeLogEntry(json, entry);
      }
      json.writeEndArray();
      json.writeNumberField("limit", entries.size());
      json.writeNumberField("offset", 0);
      json.writeBooleanField("more", false);
      json.writeEndObject();
    }
    summary.file("pagerduty", path);
    summary.count("pagerduty.log_entries", entries.size());
  }

  private void writeLogEntry(JsonGenerator json, LogEntry entry) throws IOException {
    IncidentPlan plan = entry.plan();
    json.writeStartObject();
    json.writeStringField("id", entry.id());
    json.writeStringField("type", entry.type());
    json.writeStringField("summary", summaryOf(entry));
    json.writeStringField(
        "self", API + "/log_entries/" + entry.id() + "?incident_id=" + plan.pagerDutyId);
    json.writeStringField("created_at", pagerDuty(entry.at(), LOG_ZONE));
    if (entry.user() != null) {
      writeUser(json, "agent", organisation.people.get(entry.user()));
    } else {
      writeReference(
          json,
          "agent",
          "service_reference",
          serviceId(plan.services.get(0)),
          plan.services.get(0));
    }
    json.writeObjectFieldStart("channel");
    json.writeStringField("type", entry.channelType());
    if (entry.note() != null) {
      json.writeStringField("summary", entry.note());
    }
    if (entry.notification() != null) {
      json.writeObjectFieldStart("notification");
      json.writeStringField("type", entry.notification());
      json.writeStringField("status", "success");
      json.writeStringField(
          "address",
          entry.notification().startsWith("email")
              ? organisation.people.get(entry.user()).email()
              : "+1 555 0100");
      json.writeEndObject();
    }
    json.writeEndObject();
    if (entry.type().equals("notify_log_entry")) {
      writeUser(json, "user", organisation.people.get(entry.user()));
    }
    if (entry.assignee() != null) {
      json.writeArrayFieldStart("assignees");
      Person assignee = organisation.people.get(entry.assignee());
      json.writeStartObject();
      json.writeStringField("id", assignee.pagerDutyId());
      json.writeStringField("type", "user_reference");
      json.writeStringField("summary", assignee.name());
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeObjectFieldStart("incident");
    json.writeStringField("id", plan.pagerDutyId);
    json.writeStringField("type", "incident_reference");
    json.writeStringField("summary", "[#" + plan.number + "] " + plan.title);
    json.writeEndObject();
    json.writeArrayFieldStart("contexts");
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String summaryOf(LogEntry entry) {
    return switch (entry.type()) {
      case "trigger_log_entry" -> "Triggered through the API";
      case "notify_log_entry" -> "Notified by " + entry.notification().replace("_notification", "");
      case "acknowledge_log_entry" -> "Acknowledged";
      case "escalate_log_entry" -> "Escalated to level 2 by timeout";
      case "assign_log_entry" -> "Assigned by timeout";
      case "annotate_log_entry" -> "Note added";
      default -> "Resolved";
    };
  }

  private static void writeUser(JsonGenerator json, String field, Person person)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("id", person.pagerDutyId());
    json.writeStringField("type", "user_reference");
    json.writeStringField("summary", person.name());
    json.writeStringField("email", person.email());
    json.writeEndObject();
  }

  private void writeAlerts(YearMonth month, List<IncidentPlan> plans) throws IOException {
    Path path = directory.resolve("alerts-" + month + ".json");
    int count = 0;
    try (JsonGenerator json = JsonOut.open(path, false)) {
      json.writeStartObject();
      json.writeArrayFieldStart("alerts");
      for (IncidentPlan plan : plans) {
        int index = 0;
        for (AlertPlan alert : plan.alerts) {
          String id = "A" + plan.pagerDutyId.substring(1) + String.format("%03d", index++);
          if (!cutoff.includes(alert.firedAt())) {
            continue;
          }
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeStringField("type", "alert");
          json.writeStringField("summary", alert.rule() + " on " + alert.service());
          json.writeStringField("created_at", pagerDuty(alert.firedAt(), ZoneOffset.UTC));
          json.writeStringField(
              "status", cutoff.includes(alert.endsAt()) ? "resolved" : "triggered");
          json.writeStringField(
              "alert_key",
              AlertmanagerWriter.fingerprint(alert.rule(), alert.service(), alert.instance()));
          writeReference(
              json,
              "service",
              "service_reference",
              serviceId(plan.services.get(0)),
              plan.services.get(0));
          json.writeObjectFieldStart("body");
          json.writeStringField("type", "alert_body");
          json.writeObjectFieldStart("details");
          json.writeStringField("alertname", alert.rule());
          json.writeStringField("instance", alert.instance());
          json.writeEndObject();
          json.writeEndObject();
          json.writeObjectFieldStart("incident");
          json.writeStringField("id", plan.pagerDutyId);
          json.writeStringField("type", "incident_reference");
          json.writeEndObject();
          json.writeBooleanField("suppressed", false);
          json.writeStringField("severity", AlertCatalog.severityOf(alert.rule()));
          json.writeEndObject();
          count++;
        }
      }
      json.writeEndArray();
      json.writeNumberField("limit", count);
      json.writeNumberField("offset", 0);
      json.writeBooleanField("more", false);
      json.writeEndObject();
    }
    summary.file("pagerduty", path);
    summary.count("pagerduty.alerts", count);
  }
}
