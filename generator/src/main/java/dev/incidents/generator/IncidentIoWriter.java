package dev.incidents.generator;

import static dev.incidents.generator.Formats.incidentIo;
import static dev.incidents.generator.JsonOut.stringOrNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.incidents.generator.IncidentPlan.ActionItemPlan;
import dev.incidents.generator.Organisation.Person;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * incident.io API v2: incidents, incident_updates and follow_ups, each as pages with the {@code
 * {<resource>: [...], pagination_meta}} envelope the API returns.
 */
final class IncidentIoWriter {
  static final int PAGE_SIZE = 250;

  record Status(String id, String name, String category, int rank) {}

  static final Status TRIAGE = new Status("01HDGG56RYTRIAGE0000000000", "Triage", "triage", 0);
  static final Status INVESTIGATING =
      new Status("01HDGG56RYC3TTGQWKA8ZRTFZX", "Investigating", "live", 1);
  static final Status IDENTIFIED =
      new Status("01HDGG56RYIDENTIFIED000000", "Identified", "live", 2);
  static final Status MONITORING =
      new Status("01HDGG56RYMONITORING000000", "Monitoring", "live", 3);
  static final Status DOCUMENTING =
      new Status("01HDGG56RYDOCUMENTING00000", "Documenting", "learning", 4);
  static final Status CLOSED = new Status("01HDGG56RYCLOSED0000000000", "Closed", "closed", 5);
  static final Status DECLINED =
      new Status("01HDGG56RYDECLINED00000000", "Declined", "declined", -3);
  static final Status MERGED = new Status("01HDGG56RYMERGED0000000000", "Merged", "merged", -2);
  static final Status CANCELED =
      new Status("01HDGG56RYCANCELED00000000", "Canceled", "canceled", -1);

  static final List<String> SEVERITY_NAMES = List.of("Critical", "Major", "Minor", "Low");
  static final List<String> TIMESTAMP_NAMES =
      List.of(
          "Reported at",
          "Accepted at",
          "Declined at",
          "Merged at",
          "Canceled at",
          "Resolved at",
          "Impact started at",
          "Identified at",
          "Fixed at",
          "Documented at",
          "Reviewed at",
          "Closed at");

  private final Simulation simulation;
  private final Organisation organisation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  IncidentIoWriter(
      Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.organisation = simulation.organisation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  void write() throws IOException {
    List<IncidentPlan> incidents =
        simulation.incidents.stream().filter(plan -> cutoff.includes(plan.reportedAt)).toList();
    int pages = Math.max(1, (incidents.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    for (int page = 0; page < pages; page++) {
      List<IncidentPlan> slice =
          incidents.subList(page * PAGE_SIZE, Math.min(incidents.size(), (page + 1) * PAGE_SIZE));
      writeIncidentsPage(page, slice, incidents.size());
      writeUpdatesPage(page, slice);
      writeFollowUpsPage(page, slice);
    }
  }

  private Path file(String resource, int page) {
    return directory.resolve(String.format("%s-%04d.json", resource, page + 1));
  }

  private void writeIncidentsPage(int page, List<IncidentPlan> slice, int total)
      throws IOException {
    Path path = file("incidents", page);
    try (JsonGenerator json = JsonOut.open(path, true)) {
      json.writeStartObject();
      json.writeArrayFieldStart("incidents");
      for (IncidentPlan plan : slice) {
        writeIncident(json, plan);
      }
      json.writeEndArray();
      writePagination(json, slice, total);
      json.writeEndObject();
    }
    summary.file("incidentio", path);
    summary.count("incidentio.incidents", slice.size());
  }

  private void writePagination(JsonGenerator json, List<IncidentPlan> slice, int total)
      throws IOException {
    json.writeObjectFieldStart("pagination_meta");
    json.writeStringField("after", slice.isEmpty() ? "" : slice.get(slice.size() - 1).ulid);
    json.writeNumberField("page_size", PAGE_SIZE);
    json.writeNumberField("total_record_count", total);
    json.writeEndObject();
  }

  private void writeIncident(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeStartObject();
    json.writeNullField("call_url");
    json.writeStringField("created_at", incidentIo(plan.reportedAt));
    json.writeObjectFieldStart("creator");
    json.writeNullField("api_key");
    json.writeFieldName("user");
    writeUser(json, organisation.people.get(plan.lead));
    json.writeEndObject();
    writeCustomFields(json, plan);
    json.writeNullField("external_issue_reference");
    json.writeStringField("id", plan.ulid);
    writeRoleAssignments(json, plan);
    writeStatus(json, "incident_status", statusAt(plan, cutoff));
    writeTimestamps(json, plan);
    json.writeObjectFieldStart("incident_type");
    json.writeStringField("create_in_triage", "optional");
    json.writeStringField(
        "id",
        "01HDGG56RYTYPE"
            + String.format("%012d", Simulation.INCIDENT_TYPES.indexOf(plan.incidentType) + 1));
    json.writeBooleanField("is_default", plan.incidentType.equals("Default"));
    json.writeStringField("name", plan.incidentType);
    json.writeBooleanField("private_incidents_only", false);
    json.writeEndObject();
    json.writeStringField("mode", plan.mode);
    json.writeStringField("name", plan.title);
    json.writeStringField(
        "permalink", "https://app.incident.io/example-org/incidents/" + plan.ulid);
    stringOrNull(
        json,
        "postmortem_document_url",
        !cutoff.postmortemVisible(plan)
            ? null
            : "https://docs.example.com/postmortems/" + plan.reference());
    json.writeStringField("reference", plan.reference());
    writeSeverity(json, "severity", severityAt(plan, cutoff));
    json.writeStringField("slack_channel_id", plan.channelId);
    json.writeStringField("slack_channel_name", plan.channelName);
    json.writeStringField("slack_team_id", SlackWriter.TEAM_ID);
    json.writeStringField("summary", plan.summary);
    json.writeStringField("updated_at", incidentIo(lastActivity(plan)));
    json.writeStringField("visibility", "public");
    Instant resolvedAt = cutoff.resolvedAt(plan);
    double workload =
        resolvedAt == null
            ? 0
            : Math.round(java.time.Duration.between(plan.reportedAt, resolvedAt).toSeconds() / 6.0)
                / 10.0;
    json.writeNumberField("workload_minutes_late", 0);
    json.writeNumberField("workload_minutes_sleeping", 0);
    json.writeNumberField("workload_minutes_total", workload);
    json.writeNumberField("workload_minutes_working", workload);
    json.writeEndObject();
  }

  private Instant lastActivity(IncidentPlan plan) {
    Instant last = plan.reportedAt;
    for (Instant instant :
        new Instant[] {
          cutoff.resolvedAt(plan),
          cutoff.visible(plan.closedAt),
          cutoff.visible(plan.postmortemPublishedAt)
        }) {
      if (instant != null && instant.isAfter(last)) {
        last = instant;
      }
    }
    return last;
  }

  /**
   * The incident's status as of the cutoff. With {@link Cutoff#NONE} it is the final status:
   * declined, merged, canceled, closed, resolved (Documenting), or for an open incident Monitoring
   * once mitigated, Identified once identified with a status update, else Investigating. A reopened
   * incident is Documenting between its first resolution and its reopening.
   */
  static Status statusAt(IncidentPlan plan, Cutoff cutoff) {
    if (cutoff.declined(plan)) {
      return switch (plan.finalStatus) {
        case "declined" -> DECLINED;
        case "merged" -> MERGED;
        default -> CANCELED;
      };
    }
    if (cutoff.includes(plan.closedAt)) {
      return CLOSED;
    }
    if (cutoff.resolvedAt(plan) != null) {
      return DOCUMENTING;
    }
    if (cutoff.includes(plan.mitigatedAt)) {
      return MONITORING;
    }
    if (plan.identifiedStatusUpdate && cutoff.includes(plan.identifiedAt)) {
      return IDENTIFIED;
    }
    return INVESTIGATING;
  }

  /** An upgraded incident starts one level lower and is raised 30 s after assembly. */
  static boolean upgraded(IncidentPlan plan) {
    return plan.number % 10 == 3 && plan.severity <= 2 && plan.assembledAt != null;
  }

  static Instant upgradedAt(IncidentPlan plan) {
    return plan.assembledAt.plusSeconds(30);
  }

  /** The severity as of the cutoff: an upgraded incident has its initial one until the raise. */
  static int severityAt(IncidentPlan plan, Cutoff cutoff) {
    return upgraded(plan) && !cutoff.includes(upgradedAt(plan)) ? plan.severity + 1 : plan.severity;
  }

  private void writeCustomFields(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeArrayFieldStart("custom_field_entries");
    writeMultiSelect(json, "01HDGG56RYSERVICES00000000", "Affected services", plan.services);
    writeMultiSelect(
        json,
        "01JRZFEX8N6YX0BYT3XNR2G1AY",
        "Affected teams",
        List.of(organisation.teams.get(plan.team).name()));
    json.writeEndArray();
  }

  private static void writeMultiSelect(
      JsonGenerator json, String fieldId, String name, List<String> values) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("custom_field");
    json.writeStringField("description", name + " involved in the incident.");
    json.writeStringField("field_type", "multi_select");
    json.writeStringField("id", fieldId);
    json.writeStringField("name", name);
    json.writeArrayFieldStart("options");
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("values");
    for (String value : values) {
      json.writeStartObject();
      json.writeObjectFieldStart("value_option");
      json.writeStringField("custom_field_id", fieldId);
      json.writeStringField(
          "id",
          fieldId.substring(0, 14) + "OPT" + Integer.toHexString(value.hashCode()).toUpperCase());
      json.writeNumberField("sort_key", 0);
      json.writeStringField("value", value);
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void writeRoleAssignments(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeArrayFieldStart("incident_role_assignments");
    boolean assembled = cutoff.includes(plan.assembledAt);
    writeRole(
        json,
        assembled ? plan.lead : -1,
        "01HDGG56RYRA4M4JD0TSDG9DMA",
        "Incident Lead",
        "lead",
        "lead");
    writeRole(json, plan.lead, "01HDGG56RYWFBYZCVAZXGA3JA8", "Reporter", "reporter", "");
    if (assembled) {
      writeRole(
          json,
          cutoff.includes(plan.techLeadAt) ? plan.techLead : -1,
          "01HDGG56RYTECHLEAD00000000",
          "Technical Lead",
          "custom",
          "tech-lead");
      writeRole(
          json,
          cutoff.includes(plan.commsAt) ? plan.comms : -1,
          "01HDGG56RYCOMMS00000000000",
          "Communications Lead",
          "custom",
          "comms");
      writeRole(
          json,
          cutoff.includes(plan.scribeAt) ? plan.scribe : -1,
          "01HDGG56RYSCRIBE0000000000",
          "Scribe",
          "custom",
          "scribe");
    }
    json.writeEndArray();
  }

  private void writeRole(
      JsonGenerator json, int person, String id, String name, String type, String shortform)
      throws IOException {
    json.writeStartObject();
    if (person >= 0) {
      json.writeFieldName("assignee");
      writeUser(json, organisation.people.get(person));
    }
    json.writeObjectFieldStart("role");
    json.writeStringField("id", id);
    json.writeStringField("name", name);
    json.writeBooleanField("required", false);
    json.writeStringField("role_type", type);
    json.writeStringField("shortform", shortform);
    json.writeEndObject();
    json.writeEndObject();
  }

  static void writeUser(JsonGenerator json, Person person) throws IOException {
    json.writeStartObject();
    json.writeStringField("email", person.email());
    json.writeStringField("id", person.incidentIoId());
    json.writeStringField("name", person.name());
    json.writeStringField("slack_user_id", person.slackId());
    json.writeEndObject();
  }

  static void writeStatus(JsonGenerator json, String field, Status status) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("category", status.category());
    json.writeStringField("id", status.id());
    json.writeStringField("name", status.name());
    json.writeNumberField("rank", status.rank());
    json.writeEndObject();
  }

  static void writeSeverity(JsonGenerator json, String field, int severity) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("id", "01HDGG56RYSEV" + severity + "000000000000");
    json.writeStringField("name", SEVERITY_NAMES.get(severity - 1));
    json.writeNumberField("rank", 4 - severity);
    json.writeEndObject();
  }

  private void writeTimestamps(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeArrayFieldStart("incident_timestamp_values");
    for (int rank = 0; rank < TIMESTAMP_NAMES.size(); rank++) {
      String name = TIMESTAMP_NAMES.get(rank);
      Instant value =
          switch (name) {
            case "Reported at" -> plan.reportedAt;
            case "Declined at" ->
                plan.finalStatus.equals("declined")
                    ? cutoff.visible(Cutoff.declinedAt(plan))
                    : null;
            case "Merged at" ->
                plan.finalStatus.equals("merged") ? cutoff.visible(Cutoff.declinedAt(plan)) : null;
            case "Canceled at" ->
                plan.finalStatus.equals("canceled")
                    ? cutoff.visible(Cutoff.declinedAt(plan))
                    : null;
            case "Resolved at" -> cutoff.resolvedAt(plan);
            case "Impact started at" -> plan.impactRecorded ? plan.impactStartedAt : null;
            case "Identified at" ->
                !plan.identifiedRecorded || !cutoff.includes(plan.identifiedAt)
                    ? null
                    : plan.recordedIdentifiedOutOfOrder != null
                        ? plan.recordedIdentifiedOutOfOrder
                        : plan.identifiedAt;
            case "Fixed at" -> plan.fixedRecorded ? cutoff.visible(plan.mitigatedAt) : null;
            case "Documented at" -> cutoff.visible(plan.postmortemPublishedAt);
            case "Closed at" -> cutoff.visible(plan.closedAt);
            default -> null;
          };
      json.writeStartObject();
      json.writeObjectFieldStart("incident_timestamp");
      json.writeStringField("id", "01HDGG56RYTS" + String.format("%014d", rank));
      json.writeStringField("name", name);
      json.writeNumberField("rank", rank);
      json.writeEndObject();
      if (value == null) {
        json.writeNullField("value");
      } else {
        json.writeObjectFieldStart("value");
        json.writeStringField("value", incidentIo(value));
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  record Update(Instant at, Status status, Integer severity, String message, int updater) {}

  static List<Update> updates(IncidentPlan plan) {
    List<Update> updates = new ArrayList<>();
    int initialSeverity = plan.severity;
    boolean upgraded = upgraded(plan);
    if (upgraded) {
      initialSeverity = plan.severity + 1;
    }
    updates.add(new Update(plan.reportedAt, INVESTIGATING, initialSeverity, null, plan.lead));
    switch (plan.finalStatus) {
      case "declined" -> {
        updates.add(
            new Update(
                Cutoff.declinedAt(plan),
                DECLINED,
                null,
                "Not an incident: expected behaviour during maintenance.",
                plan.lead));
        return updates;
      }
      case "merged" -> {
        updates.add(
            new Update(
                Cutoff.declinedAt(plan),
                MERGED,
                null,
                "Merged into INC-" + plan.mergedInto + ".",
                plan.lead));
        return updates;
      }
      case "canceled" -> {
        updates.add(
            new Update(Cutoff.declinedAt(plan), CANCELED, null, "Declared by mistake.", plan.lead));
        return updates;
      }
      default -> {}
    }
    if (upgraded) {
      updates.add(
          new Update(
              upgradedAt(plan),
              INVESTIGATING,
              plan.severity,
              "Impact is wider than first thought; raising severity.",
              plan.lead));
    }
    if (plan.identifiedAt != null && plan.identifiedStatusUpdate) {
      updates.add(
          new Update(
              plan.identifiedAt,
              IDENTIFIED,
              null,
              "We have identified the cause in "
                  + plan.services.get(0)
                  + " and are working on a fix.",
              plan.lead));
    }
    if (plan.mitigatedAt != null) {
      updates.add(
          new Update(
              plan.mitigatedAt,
              MONITORING,
              null,
              "A fix has been rolled out; error rates are back to normal. We are monitoring.",
              plan.lead));
    }
    if (plan.reopened) {
      updates.add(new Update(plan.firstResolvedAt, DOCUMENTING, null, "Resolved.", plan.lead));
      updates.add(
          new Update(
              plan.reopenedAt, INVESTIGATING, null, "Errors have returned; reopening.", plan.lead));
    }
    if (plan.resolvedAt != null) {
      updates.add(
          new Update(
              plan.resolvedAt,
              DOCUMENTING,
              null,
              "Resolved. A post-mortem will follow.",
              plan.lead));
    }
    if (plan.closedAt != null) {
      updates.add(new Update(plan.closedAt, CLOSED, null, null, plan.lead));
    }
    return updates;
  }

  private void writeUpdatesPage(int page, List<IncidentPlan> slice) throws IOException {
    Path path = file("incident_updates", page);
    int count = 0;
    try (JsonGenerator json = JsonOut.open(path, true)) {
      json.writeStartObject();
      json.writeArrayFieldStart("incident_updates");
      for (IncidentPlan plan : slice) {
        List<Update> updates = updates(plan);
        Rng rng = Rng.of(organisation.seed, "incident-updates", plan.number);
        for (Update update : updates) {
          // Every update draws its id, so an update keeps its id in every snapshot.
          String id = Ulid.of(update.at(), rng);
          if (!cutoff.includes(update.at())) {
            continue;
          }
          json.writeStartObject();
          json.writeStringField("created_at", incidentIo(update.at()));
          json.writeStringField("id", id);
          json.writeStringField("incident_id", plan.ulid);
          stringOrNull(json, "message", update.message());
          writeStatus(json, "new_incident_status", update.status());
          if (update.severity() != null) {
            writeSeverity(json, "new_severity", update.severity());
          } else {
            json.writeNullField("new_severity");
          }
          json.writeObjectFieldStart("updater");
          json.writeNullField("api_key");
          json.writeFieldName("user");
          writeUser(json, organisation.people.get(update.updater()));
          json.writeEndObject();
          json.writeEndObject();
          count++;
        }
      }
      json.writeEndArray();
      json.writeObjectFieldStart("pagination_meta");
      json.writeStringField("after", "");
      json.writeNumberField("page_size", PAGE_SIZE * 10);
      json.writeEndObject();
      json.writeEndObject();
    }
    summary.file("incidentio", path);
    summary.count("incidentio.incident_updates", count);
  }

  private void writeFollowUpsPage(int page, List<IncidentPlan> slice) throws IOException {
    Path path = file("follow_ups", page);
    int count = 0;
    try (JsonGenerator json = JsonOut.open(path, true)) {
      json.writeStartObject();
      json.writeArrayFieldStart("follow_ups");
      for (IncidentPlan plan : slice) {
        for (ActionItemPlan item : cutoff.actionItems(plan)) {
          json.writeStartObject();
          if (item.owner() == null) {
            json.writeNullField("assignee");
          } else {
            json.writeFieldName("assignee");
            writeUser(json, organisation.people.get(item.owner()));
          }
          if (item.completedAt() == null) {
            json.writeNullField("completed_at");
          } else {
            json.writeStringField("completed_at", incidentIo(item.completedAt()));
          }
          json.writeStringField("created_at", incidentIo(item.createdAt()));
          json.writeStringField("description", "Follow-up from " + plan.reference() + ".");
          if (item.jiraKey() == null) {
            json.writeNullField("external_issue_reference");
          } else {
            json.writeObjectFieldStart("external_issue_reference");
            json.writeStringField("issue_name", item.jiraKey());
            json.writeStringField("issue_permalink", JiraWriter.BROWSE + item.jiraKey());
            json.writeStringField("provider", "jira");
            json.writeEndObject();
          }
          json.writeStringField("id", item.followUpId());
          json.writeStringField("incident_id", plan.ulid);
          json.writeObjectFieldStart("priority");
          json.writeStringField("id", "01HDGG56RYPRIO" + item.priority().toUpperCase());
          json.writeStringField("name", item.priority());
          json.writeNumberField(
              "rank", List.of("High", "Medium", "Low").indexOf(item.priority()) + 1);
          json.writeEndObject();
          json.writeStringField("status", item.status());
          json.writeStringField("title", item.title());
          json.writeStringField(
              "updated_at",
              incidentIo(item.completedAt() != null ? item.completedAt() : item.createdAt()));
          json.writeEndObject();
          count++;
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    summary.file("incidentio", path);
    summary.count("incidentio.follow_ups", count);
  }
}
