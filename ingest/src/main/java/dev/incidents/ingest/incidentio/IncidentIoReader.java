package dev.incidents.ingest.incidentio;

import static dev.incidents.ingest.json.Fields.at;
import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.ActionItemStatus;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IncidentMode;
import dev.incidents.core.model.IncidentStatus;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Milestones;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Severity;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * incident.io API v2: incidents, incident_updates, follow_ups and alerts, enveloped or bare arrays.
 * Milestones come from {@code incident_timestamp_values} by configurable name.
 */
public final class IncidentIoReader implements SourceReader {
  public static final String SOURCE = "incidentio";
  private static final Set<String> ARRAYS =
      Set.of(
          "incidents",
          "incident_updates",
          "follow_ups",
          "alerts",
          "incident_alerts",
          "actions",
          "severities",
          "incident_statuses",
          "incident_roles",
          "incident_timestamps",
          "incident_types",
          "custom_fields",
          "custom_field_options",
          "alert_attributes",
          "alert_sources");

  /**
   * incident.io's configuration lists (API v1/v2 {@code GET /v2/severities}, {@code
   * /v1/incident_statuses}, {@code /v2/incident_roles}, {@code /v2/incident_timestamps}, {@code
   * /v1/incident_types}, {@code /v2/custom_fields}, {@code /v1/custom_field_options}, {@code
   * /v2/alert_attributes}, {@code /v2/alert_sources}) and in-incident actions ({@code
   * /v2/actions}): recognised by the keys every record of the list carries, read, and counted as
   * ignored (the lake keeps no configuration; actions are tasks during the incident, not the
   * follow-ups that action-item metrics count).
   */
  public static final Map<String, Set<String>> UNMAPPED =
      new java.util.TreeMap<>(
          Map.of(
              "severities", Set.of("id", "name", "rank", "description"),
              "incident_statuses", Set.of("id", "name", "rank", "category"),
              "incident_timestamps", Set.of("id", "name", "rank"),
              "incident_roles", Set.of("id", "name", "role_type", "shortform"),
              "incident_types", Set.of("id", "name", "create_in_triage"),
              "custom_fields", Set.of("id", "name", "field_type"),
              "custom_field_options", Set.of("id", "custom_field_id", "sort_key", "value"),
              "alert_attributes", Set.of("id", "name", "type", "array"),
              "alert_sources", Set.of("id", "name", "source_type", "template"),
              "actions", Set.of("id", "incident_id", "description", "status")));

  /** The configuration list or action kind of a record, by its keys; empty for anything else. */
  public static Optional<String> unmappedKind(Set<String> keys) {
    if (keys.contains("title")) {
      return Optional.empty(); // follow-ups and alerts carry a title
    }
    // Most specific first: statuses and severities also carry the timestamps' id, name, rank.
    for (String kind :
        List.of(
            "incident_statuses",
            "severities",
            "incident_timestamps",
            "incident_roles",
            "incident_types",
            "custom_fields",
            "custom_field_options",
            "alert_attributes",
            "alert_sources",
            "actions")) {
      if (keys.containsAll(UNMAPPED.get(kind))
          && (!kind.equals("incident_timestamps") || keys.size() == 3)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    Map<String, String> timestampNames =
        timestampNames(context.config().get(ConfigKeys.INCIDENTIO_TIMESTAMPS));
    JsonRecords.forEach(
        input,
        sink,
        ARRAYS,
        // GET /v2/incidents/{id} and GET /v1/incidents/{id}: {"incident":{…}}
        Set.of("incident"),
        (record, pointer) -> {
          Set<String> keys = new java.util.HashSet<>();
          record.fieldNames().forEachRemaining(keys::add);
          Optional<String> unmapped = unmappedKind(keys);
          if (unmapped.isPresent()) {
            String path = JsonRecords.path(pointer);
            sink.unmapped(path.equals("/*") ? path + " (" + unmapped.get() + ")" : path);
          } else if (record.has("new_incident_status") || record.has("updater")) {
            update(record, context, sink);
          } else if (record.has("incident_status")
              || record.has("incident_timestamp_values")
              || record.has("reference")) {
            incident(record, input.name(), context, sink, timestampNames);
          } else if (record.path("alert").isObject()
              && (record.path("incident").isObject() || record.has("incident_id"))) {
            attribution(record, sink);
          } else if (record.has("alert_source_id") || record.has("deduplication_key")) {
            alert(record, Optional.empty(), Optional.empty(), sink);
          } else if (record.has("incident_id")) {
            followUp(record, context, sink);
          } else {
            throw new RecordException(
                IngestErrorCode.UNKNOWN_VALUE,
                "Invalid incident.io record: not an incident, update, follow-up or alert");
          }
        });
  }

  /** {@code milestone=Name;...} into normalised name → milestone column. */
  static Map<String, String> timestampNames(String configured) {
    Map<String, String> names = new HashMap<>();
    for (String pair : configured.split(";")) {
      String[] parts = pair.split("=", 2);
      if (parts.length == 2) {
        names.put(normalizeTimestampName(parts[1]), parts[0].trim());
      }
    }
    return names;
  }

  static String normalizeTimestampName(String name) {
    String normalized = name.trim().toLowerCase(Locale.ROOT);
    return normalized.endsWith(" at")
        ? normalized.substring(0, normalized.length() - 3)
        : normalized;
  }

  static String incidentId(String externalId) {
    return Ids.of(SOURCE, "incident", externalId);
  }

  static IncidentStatus status(String category) {
    return switch (category == null ? "" : category) {
      case "triage" -> IncidentStatus.TRIAGE;
      case "learning" -> IncidentStatus.RESOLVED;
      case "closed" -> IncidentStatus.CLOSED;
      case "declined" -> IncidentStatus.DECLINED;
      case "merged" -> IncidentStatus.MERGED;
      case "canceled", "cancelled" -> IncidentStatus.CANCELED;
      default -> IncidentStatus.ACTIVE; // live, paused and values added later
    };
  }

  /**
   * The canonical status of an API v1 incident's top-level {@code status} string (v1 has no {@code
   * incident_status} object): {@code triage}, {@code declined}, {@code closed}, {@code resolved},
   * {@code merged}, {@code canceled} are themselves; {@code investigating}, {@code fixing}, {@code
   * monitoring}, {@code active}, {@code paused} and values added later are active.
   */
  static IncidentStatus statusV1(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "triage" -> IncidentStatus.TRIAGE;
      case "resolved", "learning" -> IncidentStatus.RESOLVED;
      case "closed" -> IncidentStatus.CLOSED;
      case "declined" -> IncidentStatus.DECLINED;
      case "merged" -> IncidentStatus.MERGED;
      case "canceled", "cancelled" -> IncidentStatus.CANCELED;
      default -> IncidentStatus.ACTIVE;
    };
  }

  private static void incident(
      JsonNode record,
      String file,
      IngestContext context,
      RecordSink sink,
      Map<String, String> timestampNames) {
    String id = requiredText(record, "id");
    String incidentId = incidentId(id);
    Optional<String> reference = text(record, "reference");
    Optional<Long> number = reference.map(IncidentIoReader::numberOf);
    Map<String, Instant> milestones = new HashMap<>();
    JsonNode values = record.get("incident_timestamp_values");
    if (values != null && values.isArray()) {
      for (JsonNode value : values) {
        String name = text(value, "incident_timestamp.name").orElse("");
        String column = timestampNames.get(normalizeTimestampName(name));
        Optional<String> at = text(value, "value.value");
        if (column != null && at.isPresent()) {
          milestones.put(
              column, Timestamps.iso("incident_timestamp_values[" + name + "]", at.get()));
        }
      }
    }
    Instant reported =
        milestones.containsKey("reported_at")
            ? milestones.get("reported_at")
            : Fields.instant(record, "created_at")
                .orElseThrow(
                    () ->
                        new RecordException(
                            IngestErrorCode.MISSING_FIELD,
                            "Missing required field reported_at (no \"Reported\" timestamp and no"
                                + " created_at)"));
    Optional<String> severityName = text(record, "severity.name");
    Severity severity = severityName.flatMap(Severity::parse).orElse(Severity.UNKNOWN);
    String incidentType = text(record, "incident_type.name").orElse(null);
    String title = text(record, "name").orElse(reference.orElse(id));
    String mode = text(record, "mode").orElse("standard");
    IncidentMode incidentMode =
        switch (mode) {
          case "test" -> IncidentMode.TEST;
          case "tutorial" -> IncidentMode.TUTORIAL;
          case "retrospective" -> IncidentMode.RETROSPECTIVE;
          default -> IncidentMode.fromValue(context.modeFromTags(incidentType, title));
        };
    String category = text(record, "incident_status.category").orElse(null);
    // API v1: a top-level status string instead of the incident_status object.
    Optional<String> statusV1 =
        record.has("incident_status") ? Optional.empty() : text(record, "status");
    List<String> services = customFieldValues(record, "service");
    List<String> teams = customFieldValues(record, "team");
    Optional<Instant> published = Optional.ofNullable(milestones.get("postmortem_published_at"));
    Incident incident =
        new Incident(
            incidentId,
            SOURCE,
            id,
            reference,
            number,
            title,
            text(record, "summary").filter(s -> !s.isBlank()),
            severity,
            severityName,
            Optional.ofNullable(incidentType),
            incidentMode,
            statusV1.map(IncidentIoReader::statusV1).orElseGet(() -> status(category)),
            text(record, "incident_status.name").or(() -> statusV1),
            services,
            teams,
            text(record, "slack_channel_id"),
            text(record, "slack_channel_name"),
            text(record, "postmortem_document_url"),
            published.isPresent()
                ? Optional.of("published")
                : text(record, "postmortem_document_url").map(url -> "draft"),
            new Milestones(
                Optional.ofNullable(milestones.get("impact_started_at")),
                Optional.ofNullable(milestones.get("detected_at")),
                reported,
                Optional.ofNullable(milestones.get("identified_at")),
                Optional.ofNullable(milestones.get("mitigated_at")),
                Optional.ofNullable(milestones.get("resolved_at")),
                Optional.ofNullable(milestones.get("closed_at")),
                published),
            file);
    sink.incident(incident, Fields.instant(record, "updated_at"));
    sink.event(
        Events.of(
            Ids.of(SOURCE, "declared", id),
            incidentId,
            reported,
            EventKind.DECLARED,
            null,
            title,
            SOURCE,
            id,
            Map.of()));
    JsonNode roles = record.get("incident_role_assignments");
    if (roles != null && roles.isArray()) {
      for (JsonNode assignment : roles) {
        user(assignment.get("assignee"), sink);
        Optional<String> assignee =
            text(assignment, "assignee.email").or(() -> text(assignment, "assignee.name"));
        Optional<String> roleType = text(assignment, "role.role_type");
        if (assignee.isEmpty() || roleType.isEmpty() || roleType.get().equals("reporter")) {
          continue;
        }
        String role =
            roleType.get().equals("lead")
                ? "lead"
                : text(assignment, "role.shortform")
                    .filter(s -> !s.isBlank())
                    .orElse(text(assignment, "role.name").orElse("custom"));
        // Current roles carry no time: recorded so reports know who led, never used as a milestone.
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("role", role);
        attributes.put("assignee", assignee.get());
        attributes.put("current", "true");
        sink.event(
            Events.of(
                Ids.of(SOURCE, "role", id + ":" + role),
                incidentId,
                reported,
                EventKind.ROLE_ASSIGNED,
                null,
                null,
                SOURCE,
                id,
                attributes));
      }
    }
  }

  /** An incident.io user (id, name, email, slack_user_id) as a person of this source. */
  private static void user(JsonNode user, RecordSink sink) {
    if (user == null || !user.isObject()) {
      return;
    }
    Optional<String> id = text(user, "id");
    Optional<String> name = text(user, "name");
    if (id.isEmpty() || name.isEmpty()) {
      return;
    }
    sink.person(
        new Person(
            Ids.of(SOURCE, "user", id.get()),
            SOURCE,
            name.get(),
            text(user, "email"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            text(user, "slack_user_id")));
  }

  static long numberOf(String reference) {
    String digits = reference.replaceAll("^\\D*", "").replaceAll("\\D.*$", "");
    if (digits.isEmpty() || digits.length() > 18) {
      throw new RecordException(
          IngestErrorCode.WRONG_TYPE,
          "Invalid reference: '" + reference + "' has no incident number");
    }
    return Long.parseLong(digits);
  }

  /** Values of the custom fields whose name contains {@code nameContains}. */
  static List<String> customFieldValues(JsonNode record, String nameContains) {
    List<String> values = new ArrayList<>();
    JsonNode entries = record.get("custom_field_entries");
    if (entries == null || !entries.isArray()) {
      return values;
    }
    for (JsonNode entry : entries) {
      String name = text(entry, "custom_field.name").orElse("").toLowerCase(Locale.ROOT);
      if (!name.contains(nameContains)) {
        continue;
      }
      JsonNode list = entry.get("values");
      if (list == null || !list.isArray()) {
        continue;
      }
      for (JsonNode value : list) {
        text(value, "value_option.value")
            .or(() -> text(value, "value_catalog_entry.name"))
            .or(() -> text(value, "value_text"))
            .filter(v -> !values.contains(v))
            .ifPresent(values::add);
      }
    }
    return values;
  }

  private static void update(JsonNode record, IngestContext context, RecordSink sink) {
    String id = requiredText(record, "id");
    String incidentId = incidentId(requiredText(record, "incident_id"));
    Instant at = Fields.requiredInstant(record, "created_at");
    user(Fields.at(record, "updater.user"), sink);
    String actor =
        text(record, "updater.user.email").or(() -> text(record, "updater.user.name")).orElse(null);
    Optional<String> statusName = text(record, "new_incident_status.name");
    if (statusName.isPresent()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("status", statusName.get().toLowerCase(Locale.ROOT));
      attributes.put("category", text(record, "new_incident_status.category").orElse(""));
      attributes.put(
          "canonical_status",
          status(text(record, "new_incident_status.category").orElse(null)).value());
      sink.event(
          Events.of(
              Ids.of(SOURCE, "update", id + ":status"),
              incidentId,
              at,
              EventKind.STATUS_CHANGED,
              actor,
              null,
              SOURCE,
              id,
              attributes));
    }
    Optional<String> severityName = text(record, "new_severity.name");
    if (severityName.isPresent()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put(
          "severity", severityName.flatMap(Severity::parse).orElse(Severity.UNKNOWN).name());
      attributes.put("original_severity", severityName.get());
      sink.event(
          Events.of(
              Ids.of(SOURCE, "update", id + ":severity"),
              incidentId,
              at,
              EventKind.SEVERITY_CHANGED,
              actor,
              null,
              SOURCE,
              id,
              attributes));
    }
    Optional<String> message = text(record, "message").filter(m -> !m.isBlank());
    if (message.isPresent()) {
      sink.event(
          Events.of(
              Ids.of(SOURCE, "update", id + ":message"),
              incidentId,
              at,
              EventKind.STATUS_UPDATE,
              actor,
              context.clean(message.get()),
              SOURCE,
              id,
              Map.of()));
    }
  }

  static ActionItemStatus followUpStatus(String status) {
    return switch (status == null ? "" : status) {
      case "completed" -> ActionItemStatus.DONE;
      case "not_doing", "deleted" -> ActionItemStatus.WONT_DO;
      default -> ActionItemStatus.OPEN;
    };
  }

  private static void followUp(JsonNode record, IngestContext context, RecordSink sink) {
    String id = requiredText(record, "id");
    Optional<String> issue = text(record, "external_issue_reference.issue_name");
    // The follow-up keeps its own id even when it points to a Jira issue: the Jira reader owns
    // jira:issue:<key>. The transform joins the two by tracker_key (action_item_links).
    String actionItemId = Ids.of(SOURCE, "follow_up", id);
    Optional<String> trackerKey = issue.filter(value -> !value.isBlank());
    user(record.get("assignee"), sink);
    String status = text(record, "status").orElse(null);
    sink.actionItem(
        new ActionItem(
            actionItemId,
            Optional.of(incidentId(requiredText(record, "incident_id"))),
            context.clean(text(record, "title").orElse("(untitled follow-up)")),
            text(record, "assignee.email").or(() -> text(record, "assignee.name")),
            Optional.empty(),
            followUpStatus(status),
            Optional.ofNullable(status),
            Fields.requiredInstant(record, "created_at"),
            Fields.instant(record, "completed_at"),
            trackerKey,
            text(record, "external_issue_reference.issue_permalink"),
            text(record, "priority.name"),
            SOURCE),
        Fields.instant(record, "updated_at"));
  }

  /**
   * An alert attribution ({@code GET /v2/incident_alerts}: {@code {id, alert:{…}, incident:{id,
   * …}}}): the alert, with the explicit link to its incident. An alert without its own {@code
   * created_at} fires at the attribution's.
   */
  private static void attribution(JsonNode record, RecordSink sink) {
    String incident =
        text(record, "incident.id")
            .or(() -> text(record, "incident_id"))
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field incident.id"));
    alert(
        record.get("alert"),
        Optional.of(incidentId(incident)),
        Fields.instant(record, "created_at"),
        sink);
  }

  private static void alert(
      JsonNode record, Optional<String> incident, Optional<Instant> attributedAt, RecordSink sink) {
    String id = requiredText(record, "id");
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode attributes = record.get("attributes");
    if (attributes != null && attributes.isArray()) {
      for (JsonNode attribute : attributes) {
        text(attribute, "attribute.name")
            .ifPresent(
                name ->
                    text(attribute, "value.literal")
                        .or(() -> text(attribute, "value.label"))
                        .ifPresent(value -> labels.put(name, value)));
      }
    }
    String title = text(record, "title").orElse(id);
    sink.alert(
        new Alert(
            Ids.of(SOURCE, "alert", id),
            SOURCE,
            text(record, "deduplication_key"),
            Optional.of(title),
            Optional.of(title),
            Optional.ofNullable(labels.get("service")),
            Optional.ofNullable(labels.get("severity")),
            text(record, "status"),
            Fields.instant(record, "created_at")
                .or(() -> attributedAt)
                .orElseThrow(
                    () ->
                        new RecordException(
                            IngestErrorCode.MISSING_FIELD, "Missing required field created_at")),
            Fields.instant(record, "resolved_at"),
            incident,
            labels));
  }
}
