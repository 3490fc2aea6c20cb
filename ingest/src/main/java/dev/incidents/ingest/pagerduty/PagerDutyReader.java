package dev.incidents.ingest.pagerduty;

import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IncidentMode;
import dev.incidents.core.model.IncidentStatus;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Milestones;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.PageChannel;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Severity;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.RecordSinks;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PagerDuty REST v2: incidents, log entries (per incident or global, any order), alerts, and the
 * analytics raw incidents whose timestamps carry no zone (the batch's {@code time_zone}, else the
 * configured source zone), and incident notes ({@code GET /incidents/{id}/notes}). Every row this
 * reader writes is PagerDuty's own ({@code pagerduty:incident:<id>}); a PagerDuty incident that
 * mirrors an incident of the incident tool is linked to it in the transform ({@code
 * incident_links}), never merged here.
 */
public final class PagerDutyReader implements SourceReader {
  public static final String SOURCE = "pagerduty";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    List<PendingPage> pages = new ArrayList<>();
    Map<String, List<Object[]>> acknowledgements = new LinkedHashMap<>();
    String batchZone = JsonRecords.envelope(input).get("time_zone");
    ZoneId zone;
    try {
      zone = batchZone != null ? ZoneId.of(batchZone) : context.sourceZone();
    } catch (java.time.DateTimeException e) {
      sink.reject(
          "/time_zone",
          IngestErrorCode.UNKNOWN_VALUE,
          "Invalid time_zone: '" + batchZone + "'; using " + context.sourceZone(),
          batchZone);
      zone = context.sourceZone();
    }
    ZoneId analyticsZone = zone;
    Resolutions resolutions = Resolutions.of(input);
    JsonRecords.forEach(
        input,
        sink,
        ARRAYS,
        OBJECTS,
        (record, pointer) -> {
          String type = text(record, "type").orElse("");
          if (type.endsWith("_log_entry")) {
            logEntry(record, context, sink, pages, acknowledgements, resolutions);
          } else if (type.equals("alert")) {
            alert(record, context, sink);
          } else if (type.isEmpty() && record.has("content") && record.has("created_at")) {
            note(record, input, context, sink);
          } else if (record.has("incident_number")
              && (type.equals("incident") || record.has("created_at"))) {
            if (record.has("seconds_to_resolve") || record.has("seconds_to_first_ack")) {
              analyticsIncident(record, input, context, sink, analyticsZone);
            } else {
              incident(record, input.name(), context, sink, resolutions);
              // Log entries, alerts or notes embedded in an incident by an export script are not
              // where this reader reads them (their own files): counted, never dropped silently.
              JsonRecords.ignoreNested(record, pointer, sink, "log_entries", "alerts", "notes");
            }
          } else {
            throw new RecordException(
                IngestErrorCode.UNKNOWN_VALUE,
                "Invalid PagerDuty record: type '"
                    + type
                    + "' is not an incident, log entry or alert");
          }
        });
    for (List<Object[]> acks : acknowledgements.values()) {
      acks.sort(Comparator.comparing(ack -> (Instant) ack[0]));
    }
    // A page is acknowledged by the first acknowledgement of its incident by the same person.
    for (PendingPage page : pages) {
      Optional<Instant> acknowledged = Optional.empty();
      for (Object[] ack : acknowledgements.getOrDefault(page.incidentId(), List.of())) {
        Instant at = (Instant) ack[0];
        if (ack[1].equals(page.responder()) && !at.isBefore(page.pagedAt())) {
          acknowledged = Optional.of(at);
          break;
        }
      }
      sink.page(
          new Page(
              page.pageId(),
              Optional.of(page.incidentId()),
              page.responder(),
              page.channel(),
              page.pagedAt(),
              acknowledged,
              Optional.ofNullable(page.level())));
    }
  }

  private static final Set<String> ARRAYS =
      Set.of("incidents", "log_entries", "alerts", "data", "notes");

  /**
   * Single-object GET responses: {@code GET /incidents/{id}} ({@code {"incident":{…}}}), {@code GET
   * /incidents/{id}/alerts/{alert_id}}, {@code GET /log_entries/{id}}, and the analytics raw data
   * of one incident ({@code {"data":{…}}}).
   */
  private static final Set<String> OBJECTS = Set.of("incident", "alert", "log_entry", "data");

  /**
   * Where a resolved incident without {@code resolved_at} (older API responses) resolves: its last
   * {@code resolve_log_entry} in the same file, found by a first pass over the file's incidents and
   * log entries (readers never look beyond their file).
   */
  record Resolutions(Set<String> withoutResolvedAt, Map<String, Object[]> lastResolve) {
    static Resolutions of(Input input) {
      Set<String> without = new java.util.HashSet<>();
      Map<String, Object[]> last = new java.util.HashMap<>();
      JsonRecords.forEach(
          input,
          RecordSinks.DISCARD,
          ARRAYS,
          OBJECTS,
          (record, pointer) -> {
            String type = text(record, "type").orElse("");
            if (type.equals("resolve_log_entry")) {
              Optional<String> incident = text(record, "incident.id");
              Optional<Instant> at = lenient(record, "created_at");
              Optional<String> id = text(record, "id");
              if (incident.isPresent() && at.isPresent() && id.isPresent()) {
                Object[] previous = last.get(incident.get());
                if (previous == null || at.get().isAfter((Instant) previous[0])) {
                  last.put(incident.get(), new Object[] {at.get(), id.get()});
                }
              }
            } else if (record.has("incident_number")
                && "resolved".equals(text(record, "status").orElse(""))
                && !record.hasNonNull("resolved_at")
                && !record.has("seconds_to_resolve")) {
              text(record, "id").ifPresent(without::add);
            }
          });
      return new Resolutions(without, last);
    }

    private static Optional<Instant> lenient(JsonNode record, String field) {
      try {
        return Fields.instant(record, field);
      } catch (RuntimeException e) {
        return Optional.empty(); // reported by the record pass
      }
    }

    /** Whether this log entry is the one that resolves an incident lacking resolved_at. */
    boolean resolves(String incident, String logEntry) {
      Object[] lastEntry = lastResolve.get(incident);
      return withoutResolvedAt.contains(incident)
          && lastEntry != null
          && lastEntry[1].equals(logEntry);
    }

    Optional<Instant> lastResolveAt(String incident) {
      return Optional.ofNullable(lastResolve.get(incident)).map(entry -> (Instant) entry[0]);
    }
  }

  record PendingPage(
      String pageId,
      String incidentId,
      String responder,
      PageChannel channel,
      Instant pagedAt,
      Integer level) {}

  static Severity severity(JsonNode record) {
    Optional<String> priority =
        text(record, "priority.summary").or(() -> text(record, "priority_name"));
    if (priority.isPresent()) {
      return Severity.parse(priority.get()).orElse(Severity.UNKNOWN);
    }
    return text(record, "urgency")
        .map(urgency -> urgency.equals("high") ? Severity.SEV2 : Severity.SEV3)
        .orElse(Severity.UNKNOWN);
  }

  private static void incident(
      JsonNode record,
      String file,
      IngestContext context,
      RecordSink sink,
      Resolutions resolutions) {
    String id = requiredText(record, "id");
    long number =
        Fields.number(record, "incident_number")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field incident_number"));
    String incidentId = Ids.of(SOURCE, "incident", id);
    String title = text(record, "title").orElse(text(record, "summary").orElse(id));
    String type = text(record, "incident_type.name").orElse(null);
    String status = text(record, "status").orElse("triggered");
    boolean merged =
        text(record, "resolve_reason.type").filter(t -> t.contains("merge")).isPresent();
    IncidentStatus canonical =
        merged
            ? IncidentStatus.MERGED
            : status.equals("resolved") ? IncidentStatus.RESOLVED : IncidentStatus.ACTIVE;
    Optional<Instant> resolvedAt = Fields.instant(record, "resolved_at");
    if (resolvedAt.isEmpty() && status.equals("resolved")) {
      // Older responses carry no resolved_at: the last resolve_log_entry of the same file, else
      // last_status_change_at (the resolve is the incident's last status change); which one is
      // recorded as the attribute resolved_source of a timeline event.
      resolvedAt = resolutions.lastResolveAt(id);
      if (resolvedAt.isEmpty()) {
        resolvedAt = Fields.instant(record, "last_status_change_at");
        resolvedAt.ifPresent(
            at ->
                sink.event(
                    Events.of(
                        Ids.of(SOURCE, "incident_resolved", id),
                        incidentId,
                        at,
                        EventKind.RESOLVED,
                        null,
                        null,
                        SOURCE,
                        id,
                        Map.of("resolved_source", "last_status_change_at"))));
      }
    }
    List<String> teams = new ArrayList<>();
    JsonNode teamList = record.get("teams");
    if (teamList != null && teamList.isArray()) {
      for (JsonNode team : teamList) {
        text(team, "summary").ifPresent(teams::add);
      }
    }
    Incident incident =
        new Incident(
            incidentId,
            SOURCE,
            id,
            Optional.of("#" + number),
            Optional.of(number),
            title,
            text(record, "description"),
            severity(record),
            text(record, "priority.summary").or(() -> text(record, "urgency")),
            Optional.ofNullable(type),
            IncidentMode.fromValue(context.modeFromTags(type, title)),
            canonical,
            Optional.of(status),
            text(record, "service.summary").map(List::of).orElse(List.of()),
            teams,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Milestones(
                Optional.empty(),
                Optional.empty(),
                Fields.requiredInstant(record, "created_at"),
                Optional.empty(),
                Optional.empty(),
                resolvedAt,
                Optional.empty(),
                Optional.empty()),
            file);
    sink.incident(
        incident,
        Fields.instant(record, "updated_at")
            .or(() -> Fields.instant(record, "last_status_change_at")));
  }

  private static void analyticsIncident(
      JsonNode record, Input input, IngestContext context, RecordSink sink, ZoneId zone) {
    String id = requiredText(record, "id");
    long number = Fields.number(record, "incident_number").orElse(0L);
    String incidentId = Ids.of(SOURCE, "incident", id);
    String title = text(record, "description").orElse(id);
    String type = text(record, "incident_type_name").orElse(null);
    Instant created =
        Fields.instant(record, "created_at", zone)
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field created_at"));
    Optional<Instant> resolved = Fields.instant(record, "resolved_at", zone);
    Incident incident =
        new Incident(
            incidentId,
            SOURCE,
            id,
            number > 0 ? Optional.of("#" + number) : Optional.empty(),
            number > 0 ? Optional.of(number) : Optional.empty(),
            title,
            Optional.empty(),
            severity(record),
            text(record, "priority_name").or(() -> text(record, "urgency")),
            Optional.ofNullable(type),
            IncidentMode.fromValue(context.modeFromTags(type, title)),
            resolved.isPresent() ? IncidentStatus.RESOLVED : IncidentStatus.ACTIVE,
            text(record, "status"),
            text(record, "service_name").map(List::of).orElse(List.of()),
            text(record, "team_name").map(List::of).orElse(List.of()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Milestones(
                Optional.empty(),
                Optional.empty(),
                created,
                Optional.empty(),
                Optional.empty(),
                resolved,
                Optional.empty(),
                Optional.empty()),
            input.name());
    sink.incident(incident);
  }

  private static String incidentOf(JsonNode record, IngestContext context) {
    return Ids.of(SOURCE, "incident", requiredText(record, "incident.id"));
  }

  /**
   * A PagerDuty user reference ({@code id}, {@code summary}, {@code email} when the export expanded
   * it) as a person of this source; bot and service references are not people.
   */
  private static void user(JsonNode reference, RecordSink sink) {
    if (reference == null || !reference.isObject()) {
      return;
    }
    Optional<String> id = text(reference, "id");
    Optional<String> name = text(reference, "summary").or(() -> text(reference, "name"));
    if (id.isEmpty()
        || name.isEmpty()
        || !text(reference, "type").map(t -> t.startsWith("user")).orElse(true)) {
      return;
    }
    sink.person(Person.of(SOURCE, id.get(), name.get(), text(reference, "email")));
  }

  /**
   * The PagerDuty incident a notes file belongs to: from its path ({@code incidents/ID/notes.json},
   * or {@code incident-ID-notes.json} as {@code incidents pull} writes it).
   */
  static final java.util.regex.Pattern NOTES_PATH =
      java.util.regex.Pattern.compile("(?:^|/)incidents?[/_-]([A-Za-z0-9]{5,})[/_-]notes[^/]*$");

  private static void note(JsonNode record, Input input, IngestContext context, RecordSink sink) {
    String id = requiredText(record, "id");
    Instant at = Fields.requiredInstant(record, "created_at");
    user(record.get("user"), sink);
    Optional<String> incident =
        text(record, "incident.id")
            .or(
                () -> {
                  java.util.regex.Matcher matcher = NOTES_PATH.matcher(input.name());
                  return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
                });
    Map<String, String> attributes = new LinkedHashMap<>();
    text(record, "channel.summary").ifPresent(channel -> attributes.put("channel", channel));
    text(record, "user.type").ifPresent(kind -> attributes.put("author_type", kind));
    if (incident.isEmpty()) {
      // A notes response holds no incident reference: linked only when the file says which.
      attributes.put("unlinked", "true");
    }
    sink.event(
        Events.of(
            Ids.of(SOURCE, "note", id),
            incident.map(pd -> Ids.of(SOURCE, "incident", pd)).orElse(null),
            at,
            EventKind.NOTE,
            text(record, "user.summary").orElse(null),
            context.clean(text(record, "content").orElse("")),
            SOURCE,
            id,
            attributes));
  }

  private static String person(JsonNode node, String path) {
    return text(node, path + ".email")
        .or(() -> text(node, path + ".summary"))
        .or(() -> text(node, path + ".name"))
        .orElse(null);
  }

  private static void logEntry(
      JsonNode record,
      IngestContext context,
      RecordSink sink,
      List<PendingPage> pages,
      Map<String, List<Object[]>> acknowledgements,
      Resolutions resolutions) {
    String id = requiredText(record, "id");
    String type = requiredText(record, "type");
    Instant at = Fields.requiredInstant(record, "created_at");
    String incidentId = incidentOf(record, context);
    String eventId = Ids.of(SOURCE, "log_entry", id);
    String agent = person(record, "agent");
    user(record.get("agent"), sink);
    user(record.get("user"), sink);
    LogEvent emit =
        (kind, text, attributes) ->
            sink.event(
                Events.of(eventId, incidentId, at, kind, agent, text, SOURCE, id, attributes));
    switch (type) {
      case "trigger_log_entry" ->
          emit.accept(EventKind.PAGED, text(record, "summary").orElse(null), Map.of());
      case "notify_log_entry" -> {
        String responder = person(record, "user");
        if (responder == null) {
          throw new RecordException(
              IngestErrorCode.MISSING_FIELD, "Missing required field user of notify_log_entry");
        }
        PageChannel channel =
            PageChannel.fromVendor(
                text(record, "channel.notification.type")
                    .orElse(text(record, "channel.type").orElse(null)));
        pages.add(
            new PendingPage(
                eventId.replace(":log_entry:", ":page:"),
                incidentId,
                responder,
                channel,
                at,
                null));
      }
      case "acknowledge_log_entry", "acknowledgement_log_entry" -> {
        emit.accept(EventKind.ACKNOWLEDGED, null, Map.of());
        if (agent != null) {
          acknowledgements
              .computeIfAbsent(incidentId, k -> new ArrayList<>())
              .add(new Object[] {at, agent});
        }
      }
      case "escalate_log_entry" ->
          emit.accept(
              EventKind.ESCALATED,
              text(record, "summary").orElse(null),
              assignees(record, "escalation"));
      case "assign_log_entry" ->
          emit.accept(
              EventKind.ROLE_ASSIGNED,
              text(record, "summary").orElse(null),
              assignees(record, "assignee"));
      case "annotate_log_entry" ->
          emit.accept(
              EventKind.NOTE,
              text(record, "channel.summary")
                  .or(() -> text(record, "note.content"))
                  .map(context::clean)
                  .orElse(null),
              Map.of());
      case "resolve_log_entry" ->
          emit.accept(
              EventKind.RESOLVED,
              text(record, "summary").orElse(null),
              resolutions.resolves(requiredText(record, "incident.id"), id)
                  ? Map.of("resolved_source", "resolve_log_entry")
                  : Map.of());
      default ->
          emit.accept(
              EventKind.NOTE, text(record, "summary").orElse(type), Map.of("pagerduty_type", type));
    }
  }

  /** One timeline event of the current log entry. */
  private interface LogEvent {
    void accept(EventKind kind, String text, Map<String, String> attributes);
  }

  private static Map<String, String> assignees(JsonNode record, String role) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("role", role);
    JsonNode list = record.get("assignees");
    if (list != null && list.isArray() && !list.isEmpty()) {
      attributes.put(
          "assignee", text(list.get(0), "summary").or(() -> text(list.get(0), "email")).orElse(""));
    }
    return attributes;
  }

  private static void alert(JsonNode record, IngestContext context, RecordSink sink) {
    String id = requiredText(record, "id");
    String title = text(record, "summary").orElse(id);
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode details = Fields.at(record, "body.details");
    if (details != null && details.isObject()) {
      details
          .fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isValueNode()) {
                  labels.put(field.getKey(), field.getValue().asText());
                }
              });
    }
    Optional<String> incident =
        text(record, "incident.id").map(pd -> Ids.of(SOURCE, "incident", pd));
    sink.alert(
        new Alert(
            Ids.of(SOURCE, "alert", id),
            SOURCE,
            text(record, "alert_key"),
            Optional.of(labels.getOrDefault("alertname", title)),
            Optional.of(title),
            text(record, "service.summary"),
            text(record, "severity"),
            text(record, "status"),
            Fields.requiredInstant(record, "created_at"),
            Fields.instant(record, "resolved_at"),
            incident,
            labels));
  }
}
