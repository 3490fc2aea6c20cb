package dev.incidents.ingest.opsgenie;

import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opsgenie alerts: the list API ({@code {data: [...]}}, ISO times) and outgoing webhooks, whose
 * {@code createdAt} is in milliseconds and {@code updatedAt} in nanoseconds in the same object, so
 * the unit is told by magnitude. A close is never taken as an acknowledgement. An alert's logs and
 * notes ({@code GET /v2/alerts/{id}/logs} and {@code /notes}: {@code {data:[{log|note, owner,
 * createdAt, offset}]}}) name no alert, so their file must ({@code alert-<id>-logs.json}, {@code
 * alert-<id>-notes-000.json} as {@code incidents pull} writes them, or {@code
 * alerts/<id>/logs.json}); each entry becomes a {@code note} timeline event of the alert.
 */
public final class OpsgenieReader implements SourceReader {
  public static final String SOURCE = "opsgenie";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    Map<String, String> envelope = JsonRecords.envelope(input);
    if (envelope.containsKey("action")) {
      JsonNode document;
      try {
        document = JsonRecords.readSmall(input);
      } catch (java.io.IOException e) {
        sink.reject(
            "/",
            IngestErrorCode.MALFORMED_JSON,
            "Cannot parse " + input.name() + ": " + e.getMessage(),
            "");
        return;
      }
      sink.read();
      JsonRecords.applyOne(document, "/", sink, (record, pointer) -> webhook(record, sink));
      return;
    }
    JsonRecords.forEach(
        input,
        sink,
        Set.of("data"),
        (record, pointer) -> {
          if (!record.has("id")
              && record.has("offset")
              && (record.has("log") || record.has("note"))) {
            logOrNote(record, input, sink);
          } else {
            listed(record, sink);
          }
        });
  }

  /** The alert a logs or notes file belongs to, from its path. */
  static final java.util.regex.Pattern CHILD_PATH =
      java.util.regex.Pattern.compile(
          "(?:^|/)alerts?[/_-]([A-Za-z0-9-]+?)[/_-](logs|notes)(?:[/_-]\\d+)?\\.json$");

  /**
   * One alert log entry ({@code log}, {@code type}) or note ({@code note}): a {@code note} event of
   * the alert, keyed by the alert and the entry's {@code offset} (unique per alert and ordered).
   */
  private static void logOrNote(JsonNode record, Input input, RecordSink sink) {
    java.util.regex.Matcher matcher = CHILD_PATH.matcher(input.name());
    if (!matcher.find()) {
      throw new RecordException(
          IngestErrorCode.UNLINKED,
          "An Opsgenie alert log or note names no alert: name the file alert-<id>-logs.json or"
              + " alert-<id>-notes.json");
    }
    String alert = matcher.group(1);
    boolean note = record.has("note");
    String offset = requiredText(record, "offset");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("opsgenie_entry", note ? "note" : "log");
    text(record, "type").ifPresent(type -> attributes.put("opsgenie_log_type", type));
    sink.event(
        Events.of(
            Ids.of(SOURCE, note ? "note" : "log", alert + "@" + offset),
            null,
            Fields.requiredInstant(record, "createdAt"),
            EventKind.NOTE,
            text(record, "owner").orElse(null),
            text(record, note ? "note" : "log").orElse(""),
            SOURCE,
            Ids.of(SOURCE, "alert", alert),
            attributes));
  }

  private static Instant epoch(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field " + field);
    }
    if (value.isIntegralNumber()) {
      return Timestamps.epochByMagnitude(field, value.asLong());
    }
    return Timestamps.iso(field, value.asText());
  }

  /**
   * Opsgenie's priority: {@code P1}…{@code P5}; a bare number ({@code 3}, {@code "3"}), as some
   * integrations send it, is the same priority ({@code P3}).
   */
  static Optional<String> priority(JsonNode node) {
    return text(node, "priority").map(value -> value.matches("[1-5]") ? "P" + value : value);
  }

  /** The first of the alert's and then the webhook's own time fields that is present. */
  private static Optional<Instant> firstTime(JsonNode record, JsonNode alert, String... fields) {
    for (JsonNode node : new JsonNode[] {alert, record}) {
      for (String field : fields) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull()) {
          return Optional.of(epoch(node, field));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * One outgoing-webhook payload (Opsgenie Webhook integration: {@code action}, {@code alert},
   * {@code source}, {@code integrationName}). {@code Create} and {@code Close} carry the alert; the
   * other actions carry the alert's state at the time of the action, so they update the same alert
   * (when they carry its {@code createdAt}) and add a timeline event: {@code AddNote} a note with
   * the note's text, {@code Acknowledge} an acknowledgement, {@code Escalate} an escalation, {@code
   * AssignOwnership} and {@code TakeOwnership} the owner role; any other action a note naming it. A
   * payload without {@code createdAt} takes the webhook's own time fields ({@code updatedAt} of the
   * alert, then {@code createdAt}, {@code updatedAt} or {@code timestamp} of the payload).
   */
  private static void webhook(JsonNode record, RecordSink sink) {
    String action = requiredText(record, "action");
    JsonNode alert = record.get("alert");
    if (alert == null || !alert.isObject()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field alert");
    }
    String id = requiredText(alert, "alertId");
    Optional<Instant> createdAt =
        alert.hasNonNull("createdAt") ? Optional.of(epoch(alert, "createdAt")) : Optional.empty();
    Instant actedAt =
        firstTime(record, alert, "updatedAt", "createdAt", "timestamp")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD,
                        "Missing required field createdAt (and no updatedAt or timestamp)"));
    String alertId = Ids.of(SOURCE, "alert", id);
    String kind = action.toLowerCase(java.util.Locale.ROOT);
    boolean create = kind.equals("create");
    boolean close = kind.equals("close");
    String message = text(alert, "message").orElse(id);
    if (createdAt.isPresent() || create || close) {
      Instant created = createdAt.orElse(actedAt);
      Optional<Instant> resolved = close ? Optional.of(actedAt) : Optional.empty();
      sink.alert(
          new Alert(
              alertId,
              SOURCE,
              text(alert, "alias"),
              Optional.of(message),
              Optional.of(message),
              text(alert, "entity").filter(s -> !s.isBlank()),
              priority(alert),
              Optional.of(resolved.isPresent() ? "closed" : "open"),
              created,
              resolved,
              Optional.empty(),
              Map.of()));
    }
    if (create || close) {
      return;
    }
    Optional<String> actor = text(alert, "username").or(() -> text(record, "source.name"));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("opsgenie_action", action);
    EventKind eventKind;
    String text;
    switch (kind) {
      case "addnote" -> {
        eventKind = EventKind.NOTE;
        text = text(alert, "note").orElse("");
      }
      case "acknowledge" -> {
        eventKind = EventKind.ACKNOWLEDGED;
        text = message;
      }
      case "escalate" -> {
        eventKind = EventKind.ESCALATED;
        text = message;
        text(record, "escalationName")
            .or(() -> text(alert, "escalationName"))
            .ifPresent(name -> attributes.put("escalation", name));
      }
      case "assignownership", "takeownership" -> {
        eventKind = EventKind.ROLE_ASSIGNED;
        text = message;
        attributes.put("role", "owner");
        text(alert, "owner")
            .or(() -> kind.equals("takeownership") ? actor : Optional.empty())
            .ifPresent(owner -> attributes.put("assignee", owner));
      }
      default -> {
        eventKind = EventKind.NOTE;
        text = action;
      }
    }
    sink.event(
        Events.of(
            Ids.of(SOURCE, kind.equals("acknowledge") ? "ack" : kind, id + "@" + actedAt),
            null,
            actedAt,
            eventKind,
            actor.orElse(null),
            text,
            SOURCE,
            alertId,
            attributes));
  }

  private static void listed(JsonNode record, RecordSink sink) {
    String id = requiredText(record, "id");
    Instant created = Fields.requiredInstant(record, "createdAt");
    String status = text(record, "status").orElse("open");
    Optional<Instant> closed =
        status.equals("closed")
            ? Fields.number(record, "report.closeTime")
                .map(ms -> created.plusMillis(ms))
                .or(() -> Fields.instant(record, "updatedAt"))
            : Optional.empty();
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode tags = record.get("tags");
    if (tags != null && tags.isArray()) {
      for (JsonNode tag : tags) {
        String value = tag.asText();
        int colon = value.indexOf(':');
        if (colon > 0) {
          labels.put(value.substring(0, colon), value.substring(colon + 1));
        } else {
          labels.put("tag." + value, "true");
        }
      }
    }
    String message = text(record, "message").orElse(id);
    sink.alert(
        new Alert(
            Ids.of(SOURCE, "alert", id),
            SOURCE,
            text(record, "alias"),
            Optional.of(message),
            Optional.of(message),
            Optional.ofNullable(labels.get("service"))
                .or(() -> text(record, "entity").filter(s -> !s.isBlank())),
            priority(record),
            Optional.of(status),
            created,
            closed,
            Optional.empty(),
            labels));
    Optional<Long> ackTime = Fields.number(record, "report.ackTime");
    if (ackTime.isPresent() && record.path("acknowledged").asBoolean(false)) {
      sink.event(
          Events.of(
              Ids.of(SOURCE, "ack", id),
              null,
              created.plusMillis(ackTime.get()),
              EventKind.ACKNOWLEDGED,
              text(record, "report.acknowledgedBy").orElse(null),
              message,
              SOURCE,
              Ids.of(SOURCE, "alert", id),
              Map.of()));
    }
  }
}
